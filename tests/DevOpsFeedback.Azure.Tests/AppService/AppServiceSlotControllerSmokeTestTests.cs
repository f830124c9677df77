using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.AppService;

public sealed class AppServiceSlotControllerSmokeTestTests : IAsyncLifetime
{
    private static readonly SmokeTestSpec Spec = new(3, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
    private StandInHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await StandInHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SmokeTestAsync_HealthyAfterAFailure_PassesOnNConsecutiveAnswers()
    {
        var answers = new Queue<int>([503, 200, 200, 200]);
        _harness.Site.Slot("staging").Health = () => answers.Count > 0 ? answers.Dequeue() : 200;
        var controller = _harness.Controller();

        var result = await controller.SmokeTestAsync(StandInHarness.App, "staging", Spec, CancellationToken.None);

        Assert.True(result.Healthy, result.Detail);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(["/healthz", "/healthz", "/healthz", "/healthz"], _harness.Site.Slot("staging").HealthHits);
        Assert.Empty(_harness.Site.Production.HealthHits);
        Assert.Equal(0, _harness.StandIn.CountRequests("POST", "/config/appsettings/list"));
        Assert.Equal([.. Enumerable.Repeat(TimeSpan.FromSeconds(5), 3)], _harness.Time.Waits);
    }

    [Fact]
    public async Task SmokeTestAsync_AlwaysFailing_TimesOutUnhealthyWithLastStatus()
    {
        _harness.Site.Slot("staging").Health = () => 500;
        var controller = _harness.Controller();

        var result = await controller.SmokeTestAsync(StandInHarness.App, "staging", Spec, CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Equal(12, result.Attempts);
        Assert.Contains("Timed out after 00:01:00", result.Detail, StringComparison.Ordinal);
        Assert.Contains("last: HTTP 500", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmokeTestAsync_FlappingHealth_NeedsConsecutiveAnswers()
    {
        var flip = false;
        _harness.Site.Slot("staging").Health = () => (flip = !flip) ? 200 : 502;
        var controller = _harness.Controller();

        var result = await controller.SmokeTestAsync(StandInHarness.App, "staging", new SmokeTestSpec(2, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(5)), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("1 of 2 consecutive", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmokeTestAsync_NoHealthCheckPath_ProbesRootAndSaysSo()
    {
        _harness.Site.Production.HealthCheckPath = null;
        var controller = _harness.Controller();

        var result = await controller.SmokeTestAsync(StandInHarness.App, "production", new SmokeTestSpec(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)), CancellationToken.None);

        Assert.True(result.Healthy);
        Assert.Equal(["/"], _harness.Site.Production.HealthHits);
        Assert.Contains("no health-check path configured", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmokeTestAsync_NothingListening_IsUnhealthyWithTheConnectionError()
    {
        var options = _harness.Options();
        using var unused = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        unused.Start();
        options.SmokeTestPort = ((System.Net.IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();
        var controller = _harness.Controller(options);

        var result = await controller.SmokeTestAsync(StandInHarness.App, "staging", new SmokeTestSpec(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("connection failed", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmokeTestAsync_HealthEndpointHangs_EachProbeTimesOutAndTheTestFails()
    {
        _harness.Site.Slot("staging").Health = () => StandInSlot.Hang;
        var options = _harness.Options();
        options.SmokeTestProbeTimeout = TimeSpan.FromMilliseconds(300);
        var controller = _harness.Controller(options);

        var result = await controller.SmokeTestAsync(StandInHarness.App, "staging", new SmokeTestSpec(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("last: no answer within 00:00:00.3", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("staging/../x")]
    [InlineData("")]
    [InlineData("-staging")]
    public async Task SmokeTestAsync_BadSlotName_ThrowsNamingSlot(string slot)
    {
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => controller.SmokeTestAsync(StandInHarness.App, slot, Spec, CancellationToken.None));

        Assert.Equal("slot", error.ParamName);
    }

    [Fact]
    public async Task SmokeTestAsync_ZeroConsecutive_ThrowsNamingSpec()
    {
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => controller.SmokeTestAsync(StandInHarness.App, "staging", Spec with { ConsecutiveHealthy = 0 }, CancellationToken.None));

        Assert.Contains("ConsecutiveHealthy", error.Message, StringComparison.Ordinal);
    }
}
