using DevOpsFeedback.Azure.Loopback;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Telemetry;

public sealed class LogAnalyticsTelemetrySourceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] BothVersions = ["1.4.2", "1.5.0"];
    private LogAnalyticsStandIn _standIn = null!;
    private readonly StaticTokenCredential _credential = new();

    public async Task InitializeAsync() => _standIn = await LogAnalyticsStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private LogAnalyticsTelemetrySource Source(Action<LogAnalyticsOptions>? configure = null, StaticTokenCredential? credential = null) =>
        new(_standIn.Options(configure), credential ?? _credential, _standIn.Server.Transport);

    private static Task<TelemetryResult> QueryAsync(LogAnalyticsTelemetrySource source, string app = "contoso-web", string[]? versions = null) =>
        source.QueryAsync(app, versions ?? BothVersions, T0, T0.AddMinutes(10), CancellationToken.None);

    private void SeedTwoMinutes()
    {
        _standIn.Rows.AddRange([
            new(T0.AddSeconds(5), "contoso-web", "1.4.2", true, 20, ItemCount: 10),
            new(T0.AddSeconds(20), "contoso-web", "1.4.2", false, 700, ItemCount: 2),
            new(T0.AddSeconds(40), "contoso-web", "1.5.0", true, 30, ItemCount: 1),
            new(T0.AddMinutes(1).AddSeconds(1), "contoso-web", "1.5.0", false, 12000, ItemCount: 3),
            new(T0.AddSeconds(30), "other-app", "1.4.2", false, 10, ItemCount: 100),
            new(T0.AddSeconds(30), "contoso-web", "0.9.0", false, 10, ItemCount: 100),
            new(T0.AddMinutes(10), "contoso-web", "1.4.2", false, 10, ItemCount: 100),
        ]);
    }

    [Fact]
    public async Task QueryAsync_SampledRows_SumsItemCountPerMinuteAndVersion()
    {
        SeedTwoMinutes();

        var result = await QueryAsync(Source());

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(3, result.Frames.Length);
        var baseline = result.Frames[0];
        Assert.Equal((T0, "1.4.2", 12L, 2L), (baseline.Time, baseline.Version, baseline.Requests, baseline.Failures));
        Assert.Equal("10,10,10,10,10,12,12,12,12", string.Join(",", baseline.Latency!.Cumulative));
        var candidate = result.Frames[2];
        Assert.Equal((T0.AddMinutes(1), "1.5.0", 3L, 3L), (candidate.Time, candidate.Version, candidate.Requests, candidate.Failures));
        Assert.Equal(0, candidate.Latency!.Cumulative[^1]);
    }

    [Fact]
    public async Task QueryAsync_AnyCall_SendsTokenForLogAnalyticsScopeAndServerTimeout()
    {
        SeedTwoMinutes();

        var result = await QueryAsync(Source(o => o.ServerTimeout = TimeSpan.FromSeconds(120)));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Contains("https://api.loganalytics.io/.default", _credential.Scopes);
        Assert.Equal(["wait=120"], _standIn.PreferHeaders);
    }

    [Fact]
    public async Task QueryAsync_RoleNameMapped_FiltersOnMappedRoleName()
    {
        SeedTwoMinutes();

        var result = await QueryAsync(Source(o => o.RoleNames["web"] = "contoso-web"), app: "web");

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(3, result.Frames.Length);
    }

    [Fact]
    public async Task QueryAsync_WorkspaceWithoutData_ReturnsNoFramesWithoutError()
    {
        var result = await QueryAsync(Source());

        Assert.True(result.IsSuccess, result.Error);
        Assert.Empty(result.Frames);
    }

    [Fact]
    public async Task QueryAsync_PartialError_FailsInsteadOfReturningSuspectRows()
    {
        _standIn.Script.Enqueue(new ScriptedResponse(200, """
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"time","type":"datetime"}],"rows":[]}],
             "error":{"code":"PartialError","message":"There were some errors when processing your query.",
                      "details":[{"code":"EngineError","message":"Query result set has exceeded the internal data size limit"}]}}
            """));

        var result = await QueryAsync(Source());

        Assert.False(result.IsSuccess);
        Assert.Empty(result.Frames);
        Assert.Contains("PartialError", result.Error);
        Assert.Contains("data size limit", result.Error);
    }

    [Theory]
    [InlineData(400, "BadArgumentError", 1)]
    [InlineData(403, "InsufficientAccessError", 1)]
    [InlineData(500, "InternalServerError", 3)]
    [InlineData(504, "GatewayTimeout", 3)]
    [InlineData(429, "TooManyRequests", 3)]
    public async Task QueryAsync_ErrorStatus_FailsNamingStatusAndCode(int status, string code, int tries)
    {
        SeedTwoMinutes();
        _standIn.Script.Enqueue(new ScriptedResponse(status, $$$"""{"error":{"code":"{{{code}}}","message":"scripted"}}""",
            new Dictionary<string, string> { ["Retry-After"] = "0" }), times: tries);

        var result = await QueryAsync(Source());

        Assert.False(result.IsSuccess);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error);
        Assert.Contains(code, result.Error);
        Assert.Equal(tries, _standIn.RequestCount);
    }

    [Fact]
    public async Task QueryAsync_WrongWorkspace_FailsAsNotFound()
    {
        var result = await QueryAsync(Source(o => o.WorkspaceId = Guid.Empty.ToString()));

        Assert.False(result.IsSuccess);
        Assert.Contains("404", result.Error);
        Assert.Contains("PathNotFoundError", result.Error);
    }

    [Fact]
    public async Task QueryAsync_TokenRejected_FailsAsNotAuthenticated()
    {
        var result = await QueryAsync(Source(credential: new StaticTokenCredential("expired")));

        Assert.False(result.IsSuccess);
        Assert.Contains("401", result.Error);
    }

    [Fact]
    public async Task QueryAsync_NoCredentialAvailable_FailsWithoutCallingService()
    {
        var result = await QueryAsync(Source(credential: new StaticTokenCredential(fail: true)));

        Assert.False(result.IsSuccess);
        Assert.Contains("token", result.Error);
        Assert.Equal(0, _standIn.RequestCount);
    }

    [Fact]
    public async Task QueryAsync_ThrottledOnceWithRetryAfter_RetriesAndSucceeds()
    {
        SeedTwoMinutes();
        _standIn.Script.Enqueue(new ScriptedResponse(429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""",
            new Dictionary<string, string> { ["Retry-After"] = "1" }));

        var result = await QueryAsync(Source());

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(3, result.Frames.Length);
        Assert.Equal(2, _standIn.RequestCount);
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
    [InlineData("", "empty body")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{}", "'tables'")]
    [InlineData("""{"tables":[]}""", "'tables' is empty")]
    [InlineData("""{"tables":[{"name":"PrimaryResult","columns":[{"name":"time","type":"datetime"}],"rows":[]}]}""", "column 'version' is missing")]
    [InlineData("""{"tables":[{"name":"PrimaryResult","columns":[{"name":"time","type":"datetime"},{"name":"version","type":"string"},{"name":"requests","type":"string"}],"rows":[]}]}""", "column 'requests' has type 'string'")]
    public async Task QueryAsync_MalformedBody_Fails(string body, string expected)
    {
        _standIn.Script.Enqueue(new ScriptedResponse(200, body));

        var result = await QueryAsync(Source());

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
    }

    [Theory]
    [InlineData("null", "'requests' is null")]
    [InlineData("-1", "'requests' is not a non-negative integer")]
    [InlineData("\"12\"", "'requests' is not a non-negative integer")]
    [InlineData("1.5", "'requests' is not a non-negative integer")]
    public async Task QueryAsync_BadCountCell_Fails(string cell, string expected)
    {
        var columns = string.Join(",", new[] { "requests", "failures", "le_25", "le_50", "le_100", "le_250", "le_500", "le_1000", "le_2500", "le_5000", "le_10000" }
            .Select(c => $$"""{"name":"{{c}}","type":"long"}"""));
        var cells = cell + string.Concat(Enumerable.Repeat(",0", 10));
        _standIn.Script.Enqueue(new ScriptedResponse(200,
            $$"""{"tables":[{"name":"PrimaryResult","columns":[{"name":"time","type":"datetime"},{"name":"version","type":"string"},{{columns}}],"rows":[["2026-11-20T09:00:00Z","1.4.2",{{cells}}]]}]}"""));

        var result = await QueryAsync(Source());

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
    }

    [Theory]
    [InlineData("x\" or 1==1 //")]
    [InlineData("contoso-web\" | union AppRequests | where \"1\"==\"1")]
    [InlineData("x\\\" or true or \"")]
    [InlineData("contoso-web\\")]
    [InlineData("'; AppRequests | take 1000 //")]
    [InlineData("contoso-web') or ('1'=='1")]
    public async Task QueryAsync_KqlInjectionInApp_StaysOneLiteralAndMatchesNothingElse(string hostile)
    {
        SeedTwoMinutes();

        var result = await QueryAsync(Source(), app: hostile);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Empty(result.Frames);
        var (_, literals) = KqlText.Split(Assert.Single(_standIn.Queries));
        Assert.Equal(hostile, literals[0]);
    }

    [Fact]
    public async Task QueryAsync_KqlInjectionInVersion_StaysOneLiteral()
    {
        SeedTwoMinutes();
        const string hostile = "1.4.2\") or AppVersion != (\"";

        var result = await QueryAsync(Source(), versions: [hostile]);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Empty(result.Frames);
        Assert.Equal(["contoso-web", hostile], KqlText.Split(Assert.Single(_standIn.Queries)).Literals);
    }

    [Fact]
    public async Task QueryAsync_RoleNameWithQuoteAndBackslash_IsMatchedExactly()
    {
        _standIn.Rows.Add(new(T0, "we\"ird\\app", "1.4.2", true, 10, ItemCount: 4));

        var result = await QueryAsync(Source(), app: "we\"ird\\app");

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(4, Assert.Single(result.Frames).Requests);
    }

    [Theory]
    [InlineData("contoso-web\n| take 1", "1.4.2", "app contains a control character")]
    [InlineData("", "1.4.2", "app is empty")]
    [InlineData("contoso-web", "1.4.2\r\n| take 1", "versions[0] contains a control character")]
    [InlineData("contoso-web", "1.4.2\u202e", "versions[0] contains an invisible")]
    [InlineData("contoso-web", "1.4.2\u2028", "versions[0] contains an invisible or line-breaking")]
    public async Task QueryAsync_UnsafeValue_FailsNamingFieldAndSendsNothing(string app, string version, string expected)
    {
        var result = await QueryAsync(Source(), app: app, versions: [version]);

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
        Assert.Equal(0, _standIn.RequestCount);
    }

    [Fact]
    public async Task QueryAsync_NoVersions_FailsNamingField()
    {
        var result = await QueryAsync(Source(), versions: []);

        Assert.False(result.IsSuccess);
        Assert.Contains("versions is empty", result.Error);
    }

    [Theory]
    [InlineData("WorkspaceId", "LogAnalytics:WorkspaceId")]
    [InlineData("Endpoint", "LogAnalytics:Endpoint")]
    [InlineData("ServerTimeout", "LogAnalytics:ServerTimeout")]
    [InlineData("RoleNames", "LogAnalytics:RoleNames:web")]
    public void Constructor_InvalidOption_ThrowsNamingSetting(string setting, string expected)
    {
        var options = _standIn.Options(o =>
        {
            switch (setting)
            {
                case "WorkspaceId": o.WorkspaceId = "law-prod"; break;
                case "Endpoint": o.Endpoint = new Uri("http://api.loganalytics.azure.com"); break;
                case "ServerTimeout": o.ServerTimeout = TimeSpan.FromMinutes(11); break;
                default: o.RoleNames["web"] = "a\nb"; break;
            }
        });

        var error = Assert.Throws<ArgumentException>(() => new LogAnalyticsTelemetrySource(options, _credential));

        Assert.Contains(expected, error.Message);
    }
}
