using System.Collections.Immutable;
using DevOpsFeedback.Azure.Loopback;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Telemetry;

public sealed class AzureMonitorMetricsTelemetrySourceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] BothVersions = ["1.4.2", "1.5.0"];
    private MetricsStandIn _standIn = null!;
    private readonly StaticTokenCredential _credential = new();

    /// <summary>Before T0+3 production ran 1.4.2 and staging 1.5.0; at T0+3 they swapped.</summary>
    private readonly FixedResolver _resolver = new([
        new SlotVersionSpan("production", "1.4.2", T0.AddHours(-1), T0.AddMinutes(3)),
        new SlotVersionSpan("staging", "1.5.0", T0.AddHours(-1), T0.AddMinutes(3)),
        new SlotVersionSpan("production", "1.5.0", T0.AddMinutes(3), null),
        new SlotVersionSpan("staging", "1.4.2", T0.AddMinutes(3), null),
    ]);

    public async Task InitializeAsync() => _standIn = await MetricsStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private AzureMonitorMetricsTelemetrySource Source(Action<AzureMonitorMetricsOptions>? configure = null, ISlotVersionResolver? resolver = null) =>
        new(_standIn.Options(configure), _credential, resolver ?? _resolver, _standIn.Server.Transport);

    private static Task<TelemetryResult> QueryAsync(AzureMonitorMetricsTelemetrySource source, string[]? versions = null) =>
        source.QueryAsync("contoso-web", versions ?? BothVersions, T0, T0.AddMinutes(5), CancellationToken.None);

    [Fact]
    public async Task QueryAsync_SlotsAcrossASwap_LabelsEachMinuteWithTheVersionTheSlotRan()
    {
        _standIn.Set("production", T0, 100, 1, 0.2);
        _standIn.Set("staging", T0, 5, 0, 0.3);
        _standIn.Set("production", T0.AddMinutes(3), 90, 9, 0.5);
        _standIn.Set("staging", T0.AddMinutes(3), 2, 0, null);

        var result = await QueryAsync(Source());

        Assert.True(result.IsSuccess, result.Error);
        var frames = result.Frames.Select(f => $"{f.Time:HH:mm} {f.Version} {f.Requests}/{f.Failures}").ToList();
        Assert.Equal(["10:00 1.4.2 100/1", "10:00 1.5.0 5/0", "10:03 1.4.2 2/0", "10:03 1.5.0 90/9"], frames);
        Assert.All(result.Frames, f => Assert.Null(f.Latency));
    }

    [Fact]
    public async Task QueryAsync_EachSlot_QueriesItsOwnResourceWithItsNamespace()
    {
        var result = await QueryAsync(Source());

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal([MetricsStandIn.SiteId, MetricsStandIn.SiteId + "/slots/staging"], _standIn.RequestedResources.Order(StringComparer.Ordinal));
        Assert.Contains("https://management.azure.com/.default", _credential.Scopes);
    }

    [Fact]
    public async Task QuerySlotMetricsAsync_ResponseTime_ReportedInMillisecondsAndNullWithoutSamples()
    {
        _standIn.Set("production", T0, 100, 1, 0.25);
        _standIn.Set("staging", T0.AddMinutes(3), 2, 0, null);

        var result = await Source().QuerySlotMetricsAsync("contoso-web", BothVersions, T0, T0.AddMinutes(5), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error);
        var production = Assert.Single(result.Samples, s => s.Slot == "production" && s.Requests > 0);
        Assert.Equal(250, production.AverageResponseTimeMs!.Value, precision: 6);
        Assert.Null(Assert.Single(result.Samples, s => s.Slot == "staging" && s.Requests > 0).AverageResponseTimeMs);
    }

    [Fact]
    public async Task QueryAsync_OnlyCandidateRequested_SkipsSlotsRunningOtherVersions()
    {
        _standIn.Set("production", T0, 100, 1, 0.2);
        _standIn.Set("staging", T0, 5, 0, 0.3);

        var result = await QueryAsync(Source(), versions: ["1.5.0"]);

        Assert.True(result.IsSuccess, result.Error);
        Assert.All(result.Frames, f => Assert.Equal("1.5.0", f.Version));
        Assert.Equal(5, result.Frames.Single(f => f.Time == T0).Requests);
    }

    [Fact]
    public async Task QueryAsync_PerMetricError_FailsNamingMetric()
    {
        _standIn.FailingMetric = "Http5xx";

        var result = await QueryAsync(Source());

        Assert.False(result.IsSuccess);
        Assert.Contains("Http5xx", result.Error);
        Assert.Contains("InternalServerError", result.Error);
    }

    [Theory]
    [InlineData(403, "AuthorizationFailed", 1)]
    [InlineData(400, "BadRequest", 1)]
    [InlineData(429, "TooManyRequests", 3)]
    [InlineData(500, "InternalServerError", 3)]
    [InlineData(503, "ServiceUnavailable", 3)]
    public async Task QueryAsync_ErrorStatus_FailsNamingStatusAndCode(int status, string code, int tries)
    {
        _standIn.Script.Enqueue(new ScriptedResponse(status, $$$"""{"error":{"code":"{{{code}}}","message":"scripted"}}""",
            new Dictionary<string, string> { ["Retry-After"] = "0" }), times: tries);

        var result = await QueryAsync(Source());

        Assert.False(result.IsSuccess);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error);
        Assert.Contains(code, result.Error);
    }

    [Fact]
    public async Task QueryAsync_ThrottledOnceWithRetryAfter_RetriesAndSucceeds()
    {
        _standIn.Set("production", T0, 100, 1, 0.2);
        _standIn.Script.Enqueue(new ScriptedResponse(429, """{"error":{"code":"TooManyRequests","message":"ARM read limit"}}""",
            new Dictionary<string, string> { ["Retry-After"] = "1" }));

        var result = await QueryAsync(Source());

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(3, _standIn.RequestCount);
    }

    [Fact]
    public async Task QueryAsync_ServerNeverAnswers_FailsAsTimeout()
    {
        _standIn.Script.Enqueue(ScriptedResponse.Hangs());

        var result = await QueryAsync(Source(o => { o.NetworkTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 0; }));

        Assert.False(result.IsSuccess);
        Assert.Contains("did not answer in time", result.Error);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{}", "'value' is missing")]
    [InlineData("""{"interval":"PT5M","value":[]}""", "expected PT1M")]
    [InlineData("""{"value":[]}""", "metric Requests is missing")]
    [InlineData("""{"value":[{"name":{"value":"Requests"},"errorCode":"Success","timeseries":[{"data":[{"timeStamp":"yesterday","total":1}]}]}]}""", "timeStamp is missing or not a date")]
    [InlineData("""{"value":[{"name":{"value":"Requests"},"errorCode":"Success","timeseries":[{"data":[{"timeStamp":"2026-11-20T10:00:00Z","total":"1"}]}]}]}""", "not a number")]
    [InlineData("""{"value":[{"name":{"value":"Requests"},"errorCode":"Success","timeseries":{}}]}""", "timeseries is missing or not an array")]
    public async Task QueryAsync_MalformedBody_Fails(string body, string expected)
    {
        _standIn.Script.Enqueue(new ScriptedResponse(200, body));

        var result = await QueryAsync(Source(o => o.MaxRetries = 0));

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task QueryAsync_AppWithoutSite_FailsNamingSetting()
    {
        var result = await Source().QueryAsync("unknown-app", BothVersions, T0, T0.AddMinutes(5), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Contains("Metrics:Sites", result.Error);
        Assert.Equal(0, _standIn.RequestCount);
    }

    [Fact]
    public async Task QueryAsync_ResolverGivesInvalidSlotName_FailsWithoutCallingService()
    {
        var resolver = new FixedResolver([new SlotVersionSpan("../../other", "1.5.0", T0, null)]);

        var result = await QueryAsync(Source(resolver: resolver));

        Assert.False(result.IsSuccess);
        Assert.Contains("not a valid slot name", result.Error);
        Assert.Equal(0, _standIn.RequestCount);
    }

    [Theory]
    [InlineData("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/app")]
    [InlineData("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Web/sites/app/../../other")]
    [InlineData("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Sql/servers/db")]
    public void Constructor_InvalidSiteId_ThrowsNamingSetting(string siteId)
    {
        var options = _standIn.Options(o => o.Sites["contoso-web"] = siteId);

        var error = Assert.Throws<ArgumentException>(() => new AzureMonitorMetricsTelemetrySource(options, _credential, _resolver));

        Assert.Contains("Metrics:Sites:contoso-web", error.Message);
    }

    private sealed class FixedResolver(ImmutableArray<SlotVersionSpan> spans) : ISlotVersionResolver
    {
        public Task<ImmutableArray<SlotVersionSpan>> ResolveAsync(string app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult(spans);
    }
}
