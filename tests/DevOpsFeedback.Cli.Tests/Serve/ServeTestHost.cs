using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// <c>dfb serve</c> in memory for tests: the real <see cref="ServeHost"/> on a test server, a SQLite file in a data
/// folder, the simulated App Service and a <see cref="ManualTimeProvider"/>, so bakes take no real time.
/// </summary>
internal sealed class ServeTestHost : IAsyncDisposable
{
    public const string App = ServeHost.DemoApp;
    public const string BaselineCommit = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    public const string CandidateCommit = "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b";
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(30);

    private ServeTestHost(WebApplication app, ManualTimeProvider time, SimulatedTargetParts target)
    {
        Web = app;
        Time = time;
        Target = target;
        Client = app.GetTestClient();
        Client.DefaultRequestHeaders.Add(ApiKey.Header, app.Services.GetRequiredService<ApiKey>().Value);
        Anonymous = app.GetTestClient();
    }

    public WebApplication Web { get; }

    public ManualTimeProvider Time { get; }

    public SimulatedTargetParts Target { get; }

    /// <summary>Sends the API key.</summary>
    public HttpClient Client { get; }

    /// <summary>Sends no key.</summary>
    public HttpClient Anonymous { get; }

    public IReleaseStore Store => Web.Services.GetRequiredService<IReleaseStore>();

    public IDocumentStore Documents => Web.Services.GetRequiredService<IDocumentStore>();

    /// <summary>A simulated target with the demo app: production 1.4.2, staging holds the candidate 1.5.0.</summary>
    public static SimulatedTargetParts NewTarget(TimeProvider time)
    {
        var appService = new SimulatedAppService(time.GetUtcNow, seed: 42);
        var source = new SimulatedSourceControl();
        source.Commit(BaselineCommit);
        source.Commit(CandidateCommit, BaselineCommit);
        appService.AddApp(SimulatedApp.Standard(App, "1.4.2", BaselineCommit, "1.5.0", CandidateCommit, requestsPerMinute: 600));
        return new SimulatedTargetParts(appService, source);
    }

    public static async Task<ServeTestHost> StartAsync(string dataDirectory, ManualTimeProvider? time = null, SimulatedTargetParts? target = null)
    {
        time ??= new ManualTimeProvider(Start);
        target ??= NewTarget(time);
        var settings = new ServeSettings(DataDirectory: dataDirectory, HealthCheckInterval: TimeSpan.FromDays(30));
        var app = ServeHost.Build(settings, [], b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
            b.Services.AddSingleton<TimeProvider>(time);
            b.Services.AddSingleton(target);
        });
        await app.StartAsync();
        return new ServeTestHost(app, time, target);
    }

    /// <summary>A valid release request; <paramref name="change"/> edits it before it is sent.</summary>
    public static JsonObject Release(string releaseId, Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["releaseId"] = releaseId,
            ["app"] = App,
            ["candidateVersion"] = "1.5.0",
            ["candidateCommit"] = CandidateCommit,
            ["changeType"] = "standard",
            ["requestedBy"] = "github-actions:contoso/web@refs/heads/main",
            ["workItems"] = new JsonArray("https://dev.azure.com/contoso/web/_workitems/edit/4711"),
            ["policy"] = "quick",
        };
        change?.Invoke(body);
        return body;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body) => Client.PostAsync(path, Json(body.ToJsonString()));

    public Task<HttpResponseMessage> PostAsync(string path, string body) => Client.PostAsync(path, Json(body));

    public static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public async Task<JsonElement> GetReleaseAsync(string releaseId)
    {
        using var response = await Client.GetAsync($"/api/releases/{releaseId}");
        response.EnsureSuccessStatusCode();
        return await ReadJsonAsync(response);
    }

    /// <summary>
    /// Polls the release until its status is one of <paramref name="statuses"/>, moving virtual time to the next
    /// timer (at most an hour ahead) whenever one is pending. Bounded by 30 s of real time.
    /// </summary>
    public async Task<JsonElement> AdvanceUntilAsync(string releaseId, params string[] statuses)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var view = await GetReleaseAsync(releaseId);
            var status = view.GetProperty("status").GetString();
            if (statuses.Contains(status)) return view;
            if (clock.Elapsed > RealTimeLimit)
            {
                throw new TimeoutException($"release {releaseId} is '{status}' ({view.GetProperty("step").GetString()}), not {string.Join(" or ", statuses)}, after {RealTimeLimit}");
            }

            if (!Time.TryAdvanceToNextTimer(TimeSpan.FromHours(1))) await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Web.StopAsync();
        await Web.DisposeAsync();
    }
}
