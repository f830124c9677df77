using System.Text.Json.Nodes;

namespace DevOpsFeedback.Azure.AppService;

public sealed class AppServiceSlotControllerCanaryTests : IAsyncLifetime
{
    private StandInHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await StandInHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SetCanaryAsync_TenPercent_WritesRuleForStagingDefaultHostName()
    {
        var controller = _harness.Controller();

        await controller.SetCanaryAsync(StandInHarness.App, 10, CancellationToken.None);

        Assert.Equal(0, _harness.StandIn.CountRequests("POST", "/config/appsettings/list"));
        var rule = Assert.Single(JsonNode.Parse(_harness.Site.Production.RampUpRulesJson)!.AsArray())!;
        Assert.Equal("staging", rule["name"]!.GetValue<string>());
        Assert.Equal("shop-web-staging-a1b2.azurewebsites.net", rule["actionHostName"]!.GetValue<string>());
        Assert.Equal(10, rule["reroutePercentage"]!.GetValue<double>());
        var snapshot = await controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None);
        Assert.Equal(10, snapshot.CanaryPercent);
    }

    [Fact]
    public async Task SetCanaryAsync_Zero_ClearsTheStagingRuleAndKeepsOthers()
    {
        _harness.Site.Production.RampUpRulesJson =
            """[{"name":"beta","actionHostName":"shop-web-beta.azurewebsites.net","reroutePercentage":5,"changeStep":1,"maxReroutePercentage":20},{"name":"staging","actionHostName":"shop-web-staging-a1b2.azurewebsites.net","reroutePercentage":25}]""";
        var controller = _harness.Controller();
        Assert.Equal(25, (await controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None)).CanaryPercent);

        await controller.SetCanaryAsync(StandInHarness.App, 0, CancellationToken.None);

        var rule = Assert.Single(JsonNode.Parse(_harness.Site.Production.RampUpRulesJson)!.AsArray())!;
        Assert.Equal("beta", rule["name"]!.GetValue<string>());
        Assert.Equal(20, rule["maxReroutePercentage"]!.GetValue<double>());
        Assert.Equal(0, (await controller.ReadSlotsAsync(StandInHarness.App, CancellationToken.None)).CanaryPercent);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task SetCanaryAsync_PercentOutOfRange_ThrowsNamingPercent(double percent)
    {
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => controller.SetCanaryAsync(StandInHarness.App, percent, CancellationToken.None));

        Assert.Equal("percent", error.ParamName);
        Assert.Equal(0, _harness.StandIn.CountRequests("PATCH", "/config/web"));
    }

    [Fact]
    public async Task SetCanaryAsync_Forbidden_ThrowsForbiddenNamingTheRole()
    {
        _harness.StandIn.Behaviour.Faults.Add(new StandInFault("PATCH", "/config/web", 403,
            """{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization to perform action 'Microsoft.Web/sites/config/Write'."}}"""));
        var controller = _harness.Controller();

        var error = await Assert.ThrowsAsync<AppServiceException>(() => controller.SetCanaryAsync(StandInHarness.App, 10, CancellationToken.None));

        Assert.Equal(AppServiceErrorKind.Forbidden, error.Kind);
        Assert.Contains("Website Contributor", error.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Web/sites/config/Write", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetCanaryAsync_AllThenNone_FrontEndRoutesAndPinsByCookie()
    {
        var controller = _harness.Controller();
        var production = new Uri($"https://{_harness.Site.Production.DefaultHostName}:{_harness.StandIn.Port}/healthz");
        using var client = new HttpClient(_harness.Handler(), disposeHandler: true);

        await controller.SetCanaryAsync(StandInHarness.App, 100, CancellationToken.None);
        using var routed = await client.GetAsync(production);
        await controller.SetCanaryAsync(StandInHarness.App, 0, CancellationToken.None);
        using var pinned = new HttpRequestMessage(HttpMethod.Get, production);
        pinned.Headers.Add("Cookie", "x-ms-routing-name=staging");
        using var stillPinned = await client.SendAsync(pinned);
        using var unpinned = await client.GetAsync(production);

        Assert.Contains("x-ms-routing-name=staging", routed.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Contains("x-ms-routing-name=self", unpinned.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal(2, _harness.Site.Slot("staging").HealthHits.Count);
        Assert.Single(_harness.Site.Production.HealthHits);
    }
}
