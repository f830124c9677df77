using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Azure.AppService;
using DevOpsFeedback.Azure.Loopback;
using DevOpsFeedback.Azure.SourceControl;
using DevOpsFeedback.Azure.Telemetry;
using DevOpsFeedback.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VirtualClock = DevOpsFeedback.Cli.Serve.ManualTimeProvider;

namespace DevOpsFeedback.Azure.Hosting;

/// <summary>
/// <c>dfb serve --target azure</c> end to end: the real <see cref="ServeHost"/> on a test server, its Azure adapters configured
/// by <c>--Section:Key=value</c> arguments as a user gives them, reaching loopback stand-ins that speak the REST contracts:
/// ARM (slots, the staging health endpoint for the smoke test, the swap), Log Analytics (the bake's telemetry) and GitHub
/// (the hotfix audit). Time is virtual, so the quick policy's 3-minute bake takes no real time.
/// </summary>
public sealed class ServeAzureTargetTests : IAsyncLifetime
{
    private const string App = "shop";
    private const string RoleName = "shop-web";
    private const string ReleaseId = "rel-azure-0001";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(20);
    /// <summary>The end states, and the holds that wait for a person (time alone does not move them on).</summary>
    private static readonly string[] Settled = ["succeeded", "rolled-back", "rollback-failed", "blocked", "rejected", "aborted", "holding", "awaiting-approval"];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "dfb-serve-azure-" + Guid.NewGuid().ToString("N"));
    private readonly StaticTokenCredential _credential = new();
    private readonly VirtualClock _time = new(Start);
    private StandInHarness _arm = null!;
    private LogAnalyticsStandIn _logs = null!;
    private GitHubStandIn _github = null!;
    private string _productionCommit = "";
    private string _candidateCommit = "";

    public async Task InitializeAsync()
    {
        _arm = await StandInHarness.StartAsync(); // site shop-web: production 1.4.0, staging 1.5.0, health at /healthz
        _logs = await LogAnalyticsStandIn.StartAsync();
        _github = await GitHubStandIn.StartAsync();
        _productionCommit = _github.Commit("production");
        _candidateCommit = _github.Commit("candidate", _productionCommit);
        _arm.Site.Production.AppSettings["DFB_COMMIT"] = _productionCommit;
        _arm.Site.Slot("staging").AppSettings["DFB_COMMIT"] = _candidateCommit;
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _logs.DisposeAsync();
        await _arm.DisposeAsync();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Release_HealthyCandidate_IsAuditedSmokeTestedSwappedBakedAndKept()
    {
        Traffic("1.4.0", failuresPerMinute: 1);
        Traffic("1.5.0", failuresPerMinute: 1);
        await using var app = await StartServeAsync();
        using var client = Client(app);

        using var created = await client.PostAsJsonAsync("/api/releases", Release());
        Assert.Equal(202, (int)created.StatusCode);
        var release = await RunToEndAsync(client);

        Assert.True(Outcome(release) == "succeeded", release.ToString());
        Assert.Equal("1.4.0", release.GetProperty("baselineVersion").GetString());
        var types = EventTypes(release);
        Assert.Equal(["SlotsInspected", "AuditPassed", "DataSafetyPassed", "SmokeTestPassed", "SlotsSwapped", "ReleaseSucceeded"],
            types.Where(t => t is "SlotsInspected" or "AuditPassed" or "DataSafetyPassed" or "SmokeTestPassed" or "SlotsSwapped" or "ReleaseSucceeded"));
        var verdicts = release.GetProperty("verdicts").GetArrayLength();
        Assert.Equal(3, verdicts); // a 3-minute bake, one analysis a minute

        // The audit asked GitHub to compare production's commit with the candidate's, with the configured token.
        Assert.Contains($"/repos/{GitHubStandIn.Repository}/compare/{_productionCommit}...{_candidateCommit}", _github.Paths.Select(p => p.Split('?')[0]));
        Assert.All(_github.Headers, h => Assert.Equal("Bearer " + GitHubStandIn.Token, h.Authorization));
        // The smoke test probed staging's health path through its host name; then ARM swapped, once, and production runs the candidate.
        Assert.Contains("/healthz", _arm.Site.Slot("staging").HealthHits);
        Assert.Equal(1, _arm.StandIn.CountRequests("POST", "/slotsswap"));
        Assert.Equal("1.5.0", _arm.Site.Production.AppSettings["DFB_VERSION"]);
        Assert.Equal(_candidateCommit, _arm.Site.Production.AppSettings["DFB_COMMIT"]);
        // Every analysis of the bake read Log Analytics, for the configured role name.
        Assert.Equal(verdicts, _logs.Queries.Count);
        Assert.All(_logs.Queries, q => Assert.Contains($"\"{RoleName}\"", q, StringComparison.Ordinal));
        Assert.Contains("https://management.azure.com/.default", _credential.Scopes);
        Assert.Contains("https://api.loganalytics.io/.default", _credential.Scopes);

        var shop = await client.GetFromJsonAsync<JsonElement>($"/api/apps/{App}");
        Assert.Equal(("1.5.0", "1.4.0"), (shop.GetProperty("production").GetProperty("version").GetString(), shop.GetProperty("staging").GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Release_CandidateFailingInProduction_IsSwappedBackByTheBake()
    {
        Traffic("1.4.0", failuresPerMinute: 1);
        Traffic("1.5.0", failuresPerMinute: 60);
        await using var app = await StartServeAsync();
        using var client = Client(app);

        using var created = await client.PostAsJsonAsync("/api/releases", Release());
        Assert.Equal(202, (int)created.StatusCode);
        var release = await RunToEndAsync(client);

        Assert.True(Outcome(release) == "rolled-back", release.ToString());
        Assert.Contains("SlotsSwappedBack", EventTypes(release));
        Assert.Equal(2, _arm.StandIn.CountRequests("POST", "/slotsswap"));
        Assert.Equal("1.4.0", _arm.Site.Production.AppSettings["DFB_VERSION"]);
        Assert.Contains("/healthz", _arm.Site.Production.HealthHits); // production verified after the swap back
    }

    /// <summary>Starts <c>dfb serve --target azure</c> with the stand-ins' addresses as settings arguments.</summary>
    private async Task<WebApplication> StartServeAsync()
    {
        var settings = new ServeSettings(DataDirectory: _data, Target: ServeSettings.AzureTarget, HealthCheckInterval: TimeSpan.FromDays(30));
        string[] args =
        [
            $"--AppService:ArmEndpoint={_arm.StandIn.Endpoint}",
            $"--AppService:SmokeTestPort={_arm.StandIn.Port}",
            $"--Release:Targets:0:App={App}",
            $"--Release:Targets:0:SiteResourceId={_arm.Site.Id}",
            $"--Release:Targets:0:Repository={GitHubStandIn.Repository}",
            $"--Release:Targets:0:RoleName={RoleName}",
            "--Release:TelemetryDelayMinutes=0",
            $"--LogAnalytics:Endpoint={_logs.Server.BaseUri}",
            $"--LogAnalytics:WorkspaceId={LogAnalyticsStandIn.WorkspaceId}",
            $"--GitHub:ApiBaseUrl={_github.Server.BaseUri}",
            $"--GitHub:Token={GitHubStandIn.Token}",
        ];
        var transport = new StandInTransport(new Dictionary<int, HttpPipelineTransport>
        {
            [_arm.StandIn.Port] = _arm.Transport(),
            [_logs.Server.BaseUri.Port] = _logs.Server.Transport,
            [_github.Server.BaseUri.Port] = _github.Server.Transport,
        });
        var app = ServeHost.Build(settings, args, b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
            b.Services.AddSingleton<TimeProvider>(_time);
            b.Services.AddSingleton<TokenCredential>(_credential);
            b.Services.AddSingleton<HttpPipelineTransport>(transport);
        });
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add(ApiKey.Header, app.Services.GetRequiredService<ApiKey>().Value);
        return client;
    }

    private object Release() => new
    {
        releaseId = ReleaseId,
        app = App,
        candidateVersion = "1.5.0",
        candidateCommit = _candidateCommit,
        changeType = "standard",
        requestedBy = "github-actions:contoso/shop@refs/heads/main",
        policy = "quick",
    };

    /// <summary>
    /// Requests of <paramref name="version"/> in every minute from two hours before the start to four hours after. Both
    /// versions serve all along, so the verdicts do not depend on the virtual minute the swap lands on: the judge compares the
    /// candidate after the swap with the baseline before it.
    /// </summary>
    private void Traffic(string version, int failuresPerMinute)
    {
        for (var minute = -120; minute < 240; minute++)
        {
            var at = Start.AddMinutes(minute);
            _logs.Rows.Add(new AppRequestRow(at.AddSeconds(5), RoleName, version, true, 35, ItemCount: 150));
            _logs.Rows.Add(new AppRequestRow(at.AddSeconds(25), RoleName, version, true, 140, ItemCount: 50));
            _logs.Rows.Add(new AppRequestRow(at.AddSeconds(45), RoleName, version, false, 300, ItemCount: failuresPerMinute));
        }
    }

    /// <summary>
    /// Reads the release until it ends or waits for a person, moving virtual time to the next pending timer (bake waits, swap polls, smoke-test
    /// pacing) whenever there is one; bounded in real time.
    /// </summary>
    private async Task<JsonElement> RunToEndAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var release = await client.GetFromJsonAsync<JsonElement>($"/api/releases/{ReleaseId}");
            if (Settled.Contains(release.GetProperty("status").GetString())) return release;
            Assert.True(clock.Elapsed < RealTimeLimit, $"release not ended after {RealTimeLimit} of real time: {release}");
            if (!_time.TryAdvanceToNextTimer(TimeSpan.FromHours(1))) await Task.Delay(5);
        }
    }

    private static string? Outcome(JsonElement release) =>
        release.TryGetProperty("outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String ? outcome.GetString() : null;

    private static List<string> EventTypes(JsonElement release) =>
        [.. release.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];

    /// <summary>
    /// The host's one transport for its adapters: each request goes to the stand-in listening on its port, over that
    /// stand-in's own transport (which trusts only its certificate; ARM's also reaches the slots' host names on loopback).
    /// </summary>
    private sealed class StandInTransport(IReadOnlyDictionary<int, HttpPipelineTransport> byPort) : HttpPipelineTransport
    {
        public override Request CreateRequest() => byPort.Values.First().CreateRequest();

        public override void Process(HttpMessage message) => For(message).Process(message);

        public override ValueTask ProcessAsync(HttpMessage message) => For(message).ProcessAsync(message);

        private HttpPipelineTransport For(HttpMessage message) =>
            byPort.TryGetValue(message.Request.Uri.Port, out var transport)
                ? transport
                : throw new InvalidOperationException($"no stand-in listens on port {message.Request.Uri.Port} ({message.Request.Uri})");
    }
}
