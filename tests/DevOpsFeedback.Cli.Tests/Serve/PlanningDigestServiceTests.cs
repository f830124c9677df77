using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DevOpsFeedback.Api;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// The weekly digest of <c>dfb serve</c> configured like an operator would (<c>PlanningDigest__*</c>), publishing to a
/// GitHub Issues stand-in on real loopback HTTP.
/// </summary>
public sealed class PlanningDigestServiceTests : IAsyncLifetime
{
    private const string Token = "ghp_good";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dfb-digest-" + Guid.NewGuid().ToString("N"));
    private readonly List<JsonObject> _issues = [];
    private readonly Lock _gate = new();
    private WebApplication? _gitHub;
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _gitHub = builder.Build();
        _gitHub.MapGet("/repos/contoso/web/issues", (HttpContext c) => Authorized(c) ?? Results.Json(Labelled(c.Request.Query["labels"].ToString())));
        _gitHub.MapPost("/repos/contoso/web/issues", async (HttpContext c) => Authorized(c) ?? Results.Json(Create((await JsonNode.ParseAsync(c.Request.Body))!.AsObject()), statusCode: 201));
        _gitHub.MapMethods("/repos/contoso/web/issues/{n:int}", ["PATCH"], async (HttpContext c, int n) => Authorized(c) ?? Results.Json(Update(n, (await JsonNode.ParseAsync(c.Request.Body))!.AsObject())));
        await _gitHub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_gitHub is not null) await _gitHub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static IResult? Authorized(HttpContext c) =>
        c.Request.Headers.Authorization.ToString() == $"Bearer {Token}" ? null : Results.Json(new { message = "Bad credentials" }, statusCode: 401);

    private JsonArray Labelled(string label)
    {
        lock (_gate)
        {
            return [.. _issues.Where(i => i["labels"]!.AsArray().Any(l => (string)l!["name"]! == label)).Select(i => i.DeepClone())];
        }
    }

    private JsonObject Create(JsonObject request)
    {
        lock (_gate)
        {
            var n = _issues.Count + 1;
            var issue = new JsonObject
            {
                ["number"] = n,
                ["title"] = request["title"]!.DeepClone(),
                ["labels"] = new JsonArray([.. request["labels"]!.AsArray().Select(l => (JsonNode)new JsonObject { ["name"] = l!.DeepClone() })]),
                ["html_url"] = $"https://github.com/contoso/web/issues/{n}",
            };
            _issues.Add(issue);
            return (JsonObject)issue.DeepClone();
        }
    }

    private JsonObject Update(int n, JsonObject request)
    {
        lock (_gate)
        {
            var issue = _issues[n - 1];
            issue["title"] = request["title"]!.DeepClone();
            return (JsonObject)issue.DeepClone();
        }
    }

    private async Task<HttpClient> StartAsync(string token, string sink = "github-issues")
    {
        var settings = new Dictionary<string, string?>
        {
            ["PlanningDigest:Sink"] = sink,
            ["PlanningDigest:GitHubSink:ApiUrl"] = _gitHub!.Urls.Single(),
            ["PlanningDigest:GitHubSink:Owner"] = "contoso",
            ["PlanningDigest:GitHubSink:Repository"] = "web",
            ["PlanningDigest:GitHubToken"] = token,
        };
        var app = ServeHost.Build(new ServeSettings(DataDirectory: _dataDirectory), [], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(settings);
        });
        try
        {
            await app.StartAsync();
        }
        catch (InvalidOperationException)
        {
            await app.DisposeAsync(); // a host that did not start cannot be stopped: release it and report the failure
            throw;
        }

        _app = app;
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(ApiKey.Header, ApiKey.LoadOrCreate(_dataDirectory).Key.Value);
        var items = Enumerable.Range(0, 25).Select(i => $$"""{"app":"contoso-web","category":"bug","rating":1,"text":"Export fails on large reports","userRef":"u{{i}}"}""");
        var response = await client.PostAsync("/api/feedback", new StringContent($"{{\"items\":[{string.Join(",", items)}]}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return client;
    }

    private PlanningDigestService Service => _app!.Services.GetServices<IHostedService>().OfType<PlanningDigestService>().Single();

    [Fact]
    public async Task RunOnceAsync_GitHubSinkConfigured_SavesItemsFilesIssuesAndUpdatesThemNextTime()
    {
        using var client = await StartAsync(Token);

        var first = await Service.RunOnceAsync(CancellationToken.None);
        var second = await Service.RunOnceAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal((1, 1, 0), (first.Items, first.Created, first.Updated));
        Assert.Equal((1, 0, 1), (second!.Items, second.Created, second.Updated));
        var issue = Assert.Single(_issues);
        Assert.Contains("export", (string)issue["title"]!, StringComparison.Ordinal);
        var saved = await new PlanningItemRepository(_app!.Services.GetRequiredService<IDocumentStore>()).ListAsync(null, CancellationToken.None);
        Assert.Contains(issue["labels"]!.AsArray(), l => (string)l!["name"]! == $"fp:{Assert.Single(saved).Key}");
    }

    [Fact]
    public async Task RunOnceAsync_SinkRefusesTheToken_LogsTheFailureAndTheHostKeepsServing()
    {
        using var client = await StartAsync("ghp_revoked");

        var result = await Service.RunOnceAsync(CancellationToken.None);

        Assert.Null(result);
        Assert.Empty(_issues);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/planning?app=contoso-web")).StatusCode);
    }

    [Fact]
    public async Task Start_UnknownSink_FailsNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<DevOpsFeedback.Azure.Hosting.InvalidSettingsException>(() => StartAsync(Token, sink: "jira"));

        Assert.Contains("PlanningDigest:Sink", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoSink_DigestIsOff()
    {
        using var client = await StartAsync(Token, sink: "");

        Assert.False(_app!.Services.GetRequiredService<PlanningDigest>().IsEnabled);
        Assert.Null(await Service.RunOnceAsync(CancellationToken.None));
        Assert.Empty(await new PlanningItemRepository(_app.Services.GetRequiredService<IDocumentStore>()).ListAsync(null, CancellationToken.None));
    }
}
