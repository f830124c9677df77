using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>Every route of <c>dfb serve</c> over in-memory HTTP: the real host, SQLite, the simulator, virtual time.</summary>
public sealed class ApiEndpointsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("dfb-serve-");
    private ServeTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ServeTestHost.StartAsync(_data.FullName);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Delete(recursive: true);
    }

    // ---- health, OpenAPI, authorization ----

    [Fact]
    public async Task Health_WithoutKey_ReturnsOk()
    {
        using var response = await _host.Anonymous.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await ServeTestHost.ReadJsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_WithoutKey_DescribesTheRoutes()
    {
        using var response = await _host.Anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await ServeTestHost.ReadJsonAsync(response)).GetProperty("paths");
        foreach (var route in new[] { "/api/releases", "/api/releases/{id}", "/api/releases/{id}/approve", "/api/releases/{id}/reject",
            "/api/releases/{id}/rollback", "/api/apps/{app}", "/api/apps/{app}/backout", "/api/alerts", "/api/health" })
        {
            Assert.True(paths.TryGetProperty(route, out _), $"{route} is missing from the OpenAPI document");
        }
    }

    [Theory]
    [InlineData("POST", "/api/releases", null)]
    [InlineData("GET", "/api/releases/rel-1", null)]
    [InlineData("POST", "/api/releases/rel-1/approve", null)]
    [InlineData("POST", "/api/releases/rel-1/reject", null)]
    [InlineData("POST", "/api/releases/rel-1/rollback", null)]
    [InlineData("GET", "/api/apps/contoso-web", null)]
    [InlineData("POST", "/api/apps/contoso-web/backout", null)]
    [InlineData("POST", "/api/alerts", null)]
    [InlineData("POST", "/api/releases", "wrong-key")]
    [InlineData("GET", "/api/releases/rel-1", "wrong-key")]
    [InlineData("POST", "/api/releases/rel-1/approve", "wrong-key")]
    [InlineData("POST", "/api/releases/rel-1/reject", "wrong-key")]
    [InlineData("POST", "/api/releases/rel-1/rollback", "wrong-key")]
    [InlineData("GET", "/api/apps/contoso-web", "wrong-key")]
    [InlineData("POST", "/api/apps/contoso-web/backout", "wrong-key")]
    [InlineData("POST", "/api/alerts", "wrong-key")]
    public async Task Route_WithoutOrWithWrongKey_Returns401AndStoresNothing(string method, string path, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null) request.Headers.Add(ApiKey.Header, key);
        if (method == "POST") request.Content = ServeTestHost.Json(path == "/api/releases" ? ServeTestHost.Release("rel-1").ToJsonString() : "{}");
        using var response = await _host.Anonymous.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(await _host.Store.ListAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Route_KeyInCodeQuery_IsAccepted()
    {
        var key = _host.Web.Services.GetRequiredService<ApiKey>().Value;
        using var response = await _host.Anonymous.GetAsync($"/api/apps/contoso-web?code={key}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // ---- POST /api/releases ----

    [Fact]
    public async Task CreateRelease_ValidRequest_Returns202WithStatusUrlAndRuns()
    {
        using var response = await _host.PostAsync("/api/releases", ServeTestHost.Release("rel-1"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ServeTestHost.ReadJsonAsync(response);
        Assert.Equal("rel-1", body.GetProperty("releaseId").GetString());
        Assert.EndsWith("/api/releases/rel-1", body.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.GetProperty("statusUrl").GetString(), response.Headers.Location?.ToString());
        var stored = Assert.Single(await _host.Store.ListAllAsync(CancellationToken.None));
        Assert.Equal(("rel-1", ServeTestHost.App), (stored.ReleaseId, stored.App));

        var done = await _host.AdvanceUntilAsync("rel-1", "succeeded", "rolled-back", "blocked", "aborted");
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Single(_host.Target.AppService.SwapLog);
    }

    [Fact]
    public async Task CreateRelease_NoReleaseId_GeneratesOne()
    {
        using var response = await _host.PostAsync("/api/releases", ServeTestHost.Release("x", b => b.Remove("releaseId")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await ServeTestHost.ReadJsonAsync(response)).GetProperty("releaseId").GetString();
        Assert.Matches("^[A-Za-z0-9._-]{1,100}$", id);
        Assert.Equal(id, Assert.Single(await _host.Store.ListAllAsync(CancellationToken.None)).ReleaseId);
    }

    public static TheoryData<string, string> BadReleaseFields => new()
    {
        { "missing app", "app" },
        { "missing candidateVersion", "candidateVersion" },
        { "missing candidateCommit", "candidateCommit" },
        { "missing changeType", "changeType" },
        { "missing requestedBy", "requestedBy" },
        { "app is a number", "app" },
        { "candidateVersion is an array", "candidateVersion" },
        { "canary.stepMinutes is a string", "canary.stepMinutes" },
        { "unknown changeType", "changeType" },
        { "unknown databaseChange", "databaseChange" },
        { "unknown property", "deployNow" },
        { "unknown canary property", "canary.jitter" },
        { "bad releaseId", "releaseId" },
        { "bad app id", "app" },
        { "bad version", "candidateVersion" },
        { "short commit", "candidateCommit" },
        { "non-hex commit", "candidateCommit" },
        { "http work item", "workItems[0]" },
        { "relative work item", "workItems[0]" },
        { "canary steps descending", "canary.steps[1]" },
        { "canary steps repeated", "canary.steps[2]" },
        { "canary step 100", "canary.steps[0]" },
        { "canary stepMinutes 0", "canary.stepMinutes" },
        { "normal change without rollbackPlan", "rollbackPlan" },
        { "unknown policy", "policy" },
        { "control character in requestedBy", "requestedBy" },
    };

    private static JsonObject BadRelease(string name) => ServeTestHost.Release("rel-bad", b =>
    {
        switch (name)
        {
            case "missing app": b.Remove("app"); break;
            case "missing candidateVersion": b.Remove("candidateVersion"); break;
            case "missing candidateCommit": b.Remove("candidateCommit"); break;
            case "missing changeType": b.Remove("changeType"); break;
            case "missing requestedBy": b.Remove("requestedBy"); break;
            case "app is a number": b["app"] = 42; break;
            case "candidateVersion is an array": b["candidateVersion"] = new JsonArray("1.5.0"); break;
            case "canary.stepMinutes is a string": b["canary"] = new JsonObject { ["steps"] = new JsonArray(5, 25), ["stepMinutes"] = "ten" }; break;
            case "unknown changeType": b["changeType"] = "yolo"; break;
            case "unknown databaseChange": b["databaseChange"] = "drop"; break;
            case "unknown property": b["deployNow"] = true; break;
            case "unknown canary property": b["canary"] = new JsonObject { ["steps"] = new JsonArray(5), ["stepMinutes"] = 5, ["jitter"] = 1 }; break;
            case "bad releaseId": b["releaseId"] = "rel 1/../x"; break;
            case "bad app id": b["app"] = "contoso web"; break;
            case "bad version": b["candidateVersion"] = "1.5.0 beta"; break;
            case "short commit": b["candidateCommit"] = "9f2c1e7"; break;
            case "non-hex commit": b["candidateCommit"] = new string('g', 40); break;
            case "http work item": b["workItems"] = new JsonArray("http://dev.azure.com/contoso/web/_workitems/edit/4711"); break;
            case "relative work item": b["workItems"] = new JsonArray("/_workitems/edit/4711"); break;
            case "canary steps descending": b["canary"] = new JsonObject { ["steps"] = new JsonArray(25, 5), ["stepMinutes"] = 5 }; break;
            case "canary steps repeated": b["canary"] = new JsonObject { ["steps"] = new JsonArray(5, 25, 25), ["stepMinutes"] = 5 }; break;
            case "canary step 100": b["canary"] = new JsonObject { ["steps"] = new JsonArray(100), ["stepMinutes"] = 5 }; break;
            case "canary stepMinutes 0": b["canary"] = new JsonObject { ["steps"] = new JsonArray(5), ["stepMinutes"] = 0 }; break;
            case "normal change without rollbackPlan": b["changeType"] = "normal"; break;
            case "unknown policy": b["policy"] = "yolo"; break;
            case "control character in requestedBy": b["requestedBy"] = "ci\u0007bot"; break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "no such case");
        }
    });

    [Theory]
    [MemberData(nameof(BadReleaseFields))]
    public async Task CreateRelease_BadField_Returns400NamingTheFieldAndStoresNothing(string name, string field)
    {
        using var response = await _host.PostAsync("/api/releases", BadRelease(name));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{name}: errors {problem.GetProperty("errors")} do not name {field}");
        await AssertNothingStoredAsync();
    }

    public static TheoryData<string, byte[]> BadReleaseBodies()
    {
        var valid = ServeTestHost.Release("rel-bad").ToJsonString();
        var deep = valid[..^1] + ",\"x\":" + string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)) + "}";
        return new()
        {
            { "byte-order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)] },
            { "duplicate member names", Encoding.UTF8.GetBytes(valid[..^1] + ",\"app\":\"other-app\"}") },
            { "nested deeper than 64", Encoding.UTF8.GetBytes(deep) },
            { "malformed JSON", Encoding.UTF8.GetBytes(valid[..^1]) },
            { "trailing comma", Encoding.UTF8.GetBytes(valid[..^1] + ",}") },
            { "empty body", [] },
            { "an array", Encoding.UTF8.GetBytes("[" + valid + "]") },
        };
    }

    [Theory]
    [MemberData(nameof(BadReleaseBodies))]
    public async Task CreateRelease_BadBody_Returns400NamingTheBodyAndStoresNothing(string name, byte[] body)
    {
        using var response = await _host.Client.PostAsync("/api/releases", ServeTestHost.Bytes(body));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), $"{name}: errors {problem.GetProperty("errors")} do not name body");
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateRelease_BodyOver1MiB_Returns413AndStoresNothing(bool withContentLength)
    {
        var padding = new string('a', 1024 * 1024);
        var body = Encoding.UTF8.GetBytes(ServeTestHost.Release("rel-big", b => b["rollbackPlan"] = padding).ToJsonString());
        HttpContent content = withContentLength ? ServeTestHost.Bytes(body) : new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new("application/json");
        using var response = await _host.Client.PostAsync("/api/releases", content);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task CreateRelease_SameReleaseIdTwice_Returns200WithTheSameBodyAndStoresOnce()
    {
        using var first = await _host.PostAsync("/api/releases", ServeTestHost.Release("rel-dup"));
        var firstBody = await first.Content.ReadAsStringAsync();
        var eventsAfterFirst = (await _host.Store.ReadAsync("rel-dup", CancellationToken.None)).Events.Length;
        using var again = await _host.PostAsync("/api/releases", ServeTestHost.Release("rel-dup"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var a = await ServeTestHost.ReadJsonAsync(again);
        var f = JsonDocument.Parse(firstBody).RootElement;
        Assert.Equal(f.GetProperty("releaseId").GetString(), a.GetProperty("releaseId").GetString());
        Assert.Equal(f.GetProperty("statusUrl").GetString(), a.GetProperty("statusUrl").GetString());
        Assert.Single(await _host.Store.ListAllAsync(CancellationToken.None));
        var requested = (await _host.Store.ReadAsync("rel-dup", CancellationToken.None)).Events.Count(e => e.Type == "ReleaseRequested");
        Assert.Equal(1, requested);
        Assert.True((await _host.Store.ReadAsync("rel-dup", CancellationToken.None)).Events.Length >= eventsAfterFirst);
    }

    [Theory]
    [InlineData("candidateVersion", "1.6.0")]
    [InlineData("candidateCommit", "0000000000000000000000000000000000000001")]
    public async Task CreateRelease_SameReleaseIdOtherCandidate_Returns409AndKeepsTheFirst(string field, string value)
    {
        using var first = await _host.PostAsync("/api/releases", ServeTestHost.Release("rel-dup"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var other = await _host.PostAsync("/api/releases", ServeTestHost.Release("rel-dup", b => b[field] = value));
        var problem = await AssertProblemAsync(other, HttpStatusCode.Conflict);
        Assert.Contains("rel-dup", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await _host.Store.ListAllAsync(CancellationToken.None));
        Assert.Equal("1.5.0", (await _host.GetReleaseAsync("rel-dup")).GetProperty("candidateVersion").GetString());
    }

    // ---- GET /api/releases/{id} ----

    [Fact]
    public async Task GetRelease_Unknown_Returns404()
    {
        using var response = await _host.Client.GetAsync("/api/releases/rel-nobody");
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "/api/releases/rel%20x")]
    [InlineData("POST", "/api/releases/rel%20x/approve")]
    [InlineData("POST", "/api/releases/rel%20x/reject")]
    [InlineData("POST", "/api/releases/rel%20x/rollback")]
    public async Task ReleaseRoute_BadId_Returns400NamingReleaseId(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = ServeTestHost.Json(path.EndsWith("approve", StringComparison.Ordinal)
            ? """{"approver":"alice"}""" : path.EndsWith("reject", StringComparison.Ordinal) ? """{"approver":"alice","reason":"no"}""" : """{"requestedBy":"alice","reason":"no"}""");
        using var response = await _host.Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("releaseId", out _));
    }

    [Fact]
    public async Task GetRelease_Running_ShowsStateStepVerdictsAndEvents()
    {
        await CreateAsync("rel-1");
        var view = await _host.AdvanceUntilAsync("rel-1", "succeeded");
        Assert.Equal(ServeTestHost.App, view.GetProperty("app").GetString());
        Assert.Equal("1.4.2", view.GetProperty("baselineVersion").GetString());
        Assert.Equal("succeeded", view.GetProperty("outcome").GetString());
        Assert.Equal(3, view.GetProperty("verdicts").GetArrayLength());
        var types = view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("ReleaseRequested", types);
        Assert.All(view.GetProperty("events").EnumerateArray(), e => Assert.True(e.TryGetProperty("at", out _) && e.TryGetProperty("data", out _)));
    }

    // ---- approve / reject ----

    [Fact]
    public async Task Approve_ByTheRequester_Returns409WithTheReason()
    {
        await CreateAsync("rel-n", Normal);
        await _host.AdvanceUntilAsync("rel-n", "awaiting-approval");
        using var response = await _host.PostAsync("/api/releases/rel-n/approve", """{"approver":"github-actions:contoso/web@refs/heads/main"}""");
        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal("awaiting-approval", (await _host.GetReleaseAsync("rel-n")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approve_BySomeoneElse_Returns200AndTheReleaseSucceeds()
    {
        await CreateAsync("rel-n", Normal);
        await _host.AdvanceUntilAsync("rel-n", "awaiting-approval");
        using var response = await _host.PostAsync("/api/releases/rel-n/approve", """{"approver":"alice@contoso.com","comment":"ok","overrides":[]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("succeeded", (await _host.AdvanceUntilAsync("rel-n", "succeeded", "rolled-back", "blocked", "rejected")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reject_AwaitingApproval_Returns200AndTheReleaseEndsRejected()
    {
        await CreateAsync("rel-n", Normal);
        await _host.AdvanceUntilAsync("rel-n", "awaiting-approval");
        using var response = await _host.PostAsync("/api/releases/rel-n/reject", """{"approver":"alice@contoso.com","reason":"not this week"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.AdvanceUntilAsync("rel-n", "rejected");
        Assert.Empty(_host.Target.AppService.SwapLog);
    }

    [Fact]
    public async Task Reject_AfterTheSwap_Returns409AndTheBakeGoesOn()
    {
        await CreateAsync("rel-1");
        await _host.AdvanceUntilAsync("rel-1", "baking");
        using var response = await _host.PostAsync("/api/releases/rel-1/reject", """{"approver":"alice@contoso.com","reason":"too late"}""");
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("succeeded", (await _host.AdvanceUntilAsync("rel-1", "succeeded", "rolled-back", "rejected")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("rollback")]
    public async Task Signal_UnknownRelease_Returns404(string route)
    {
        using var response = await _host.PostAsync($"/api/releases/rel-nobody/{route}", Body(route));
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string> BadSignalBodies => new()
    {
        { "approve", "{}", "approver" },
        { "approve", """{"approver":7}""", "approver" },
        { "approve", """{"approver":"alice","overrides":["skip-tests"]}""", "overrides[0]" },
        { "approve", """{"approver":"alice","by":"bob"}""", "by" },
        { "reject", """{"approver":"alice"}""", "reason" },
        { "reject", """{"approver":"alice","reason":"no","extra":1}""", "extra" },
        { "rollback", """{"reason":"red"}""", "requestedBy" },
        { "rollback", """{"requestedBy":"alice","reason":false}""", "reason" },
        { "rollback", "\uFEFF{}", "body" },
        { "backout", """{"requestedBy":"alice"}""", "reason" },
        { "backout", """{"requestedBy":"alice","reason":"x","reason":"y"}""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadSignalBodies))]
    public async Task Signal_BadBody_Returns400NamingTheFieldAndChangesNothing(string route, string body, string field)
    {
        await CreateAsync("rel-n", Normal);
        await _host.AdvanceUntilAsync("rel-n", "awaiting-approval");
        var before = (await _host.Store.ReadAsync("rel-n", CancellationToken.None)).Version;
        var path = route == "backout" ? $"/api/apps/{ServeTestHost.App}/backout" : $"/api/releases/rel-n/{route}";
        using var response = await _host.PostAsync(path, body);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors {problem.GetProperty("errors")} do not name {field}");
        Assert.Equal(before, (await _host.Store.ReadAsync("rel-n", CancellationToken.None)).Version);
    }

    // ---- rollback (red button during a release) ----

    [Fact]
    public async Task Rollback_DuringTheBake_Returns202AndSwapsBack()
    {
        await CreateAsync("rel-1");
        await _host.AdvanceUntilAsync("rel-1", "baking");
        using var response = await _host.PostAsync("/api/releases/rel-1/rollback", """{"requestedBy":"alice@contoso.com","reason":"checkout looks wrong"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _host.AdvanceUntilAsync("rel-1", "rolled-back");
        var swaps = _host.Target.AppService.SwapLog;
        Assert.Equal(2, swaps.Length);
        Assert.Equal("1.4.2", swaps[^1].ToProduction);
    }

    [Fact]
    public async Task Rollback_AfterTheReleaseEnded_Returns409()
    {
        await CreateAsync("rel-1");
        await _host.AdvanceUntilAsync("rel-1", "succeeded");
        using var response = await _host.PostAsync("/api/releases/rel-1/rollback", """{"requestedBy":"alice@contoso.com","reason":"late"}""");
        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("ended", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // ---- apps ----

    [Fact]
    public async Task GetApp_Known_ReturnsSlotsQueueAndRedButton()
    {
        await CreateAsync("rel-1");
        await CreateAsync("rel-2");
        await _host.AdvanceUntilAsync("rel-1", "baking");
        using var response = await _host.Client.GetAsync($"/api/apps/{ServeTestHost.App}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var app = await ServeTestHost.ReadJsonAsync(response);
        Assert.Equal("1.5.0", app.GetProperty("production").GetProperty("version").GetString());
        Assert.Equal("1.4.2", app.GetProperty("staging").GetProperty("version").GetString());
        Assert.Equal("rel-1", app.GetProperty("active").GetProperty("releaseId").GetString());
        Assert.Equal("rel-2", Assert.Single(app.GetProperty("queued").EnumerateArray()).GetProperty("releaseId").GetString());
        Assert.True(app.GetProperty("redButton").TryGetProperty("available", out _));
    }

    [Fact]
    public async Task GetApp_Unknown_Returns404()
    {
        using var response = await _host.Client.GetAsync("/api/apps/nobody-web");
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "/api/apps/contoso%20web")]
    [InlineData("POST", "/api/apps/contoso%20web/backout")]
    public async Task AppRoute_BadApp_Returns400NamingApp(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = ServeTestHost.Json("""{"requestedBy":"alice","reason":"x"}""");
        using var response = await _host.Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("app", out _));
    }

    [Fact]
    public async Task Backout_NoReleaseChangedProduction_Returns409WithTheReason()
    {
        using var response = await _host.PostAsync($"/api/apps/{ServeTestHost.App}/backout", """{"requestedBy":"alice@contoso.com","reason":"errors"}""");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var reason = (await ServeTestHost.ReadJsonAsync(response)).GetProperty("reason").GetString();
        Assert.Contains("no release of contoso-web has changed production", reason, StringComparison.Ordinal);
        Assert.Empty(_host.Target.AppService.SwapLog);
    }

    [Fact]
    public async Task Backout_AfterASucceededRelease_Returns202AndSwapsBack()
    {
        await CreateAsync("rel-1");
        await _host.AdvanceUntilAsync("rel-1", "succeeded");
        using var response = await _host.PostAsync($"/api/apps/{ServeTestHost.App}/backout", """{"requestedBy":"alice@contoso.com","reason":"support tickets"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("rel-1", (await ServeTestHost.ReadJsonAsync(response)).GetProperty("releaseId").GetString());
        await _host.AdvanceUntilAsync("rel-1", "rolled-back", "rollback-failed");
        Assert.Equal("1.4.2", _host.Target.AppService.SwapLog[^1].ToProduction);

        using var again = await _host.PostAsync($"/api/apps/{ServeTestHost.App}/backout", """{"requestedBy":"alice@contoso.com","reason":"again"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await ServeTestHost.ReadJsonAsync(again)).GetProperty("reason").GetString()));
    }

    // ---- alerts ----

    [Fact]
    public async Task Alert_DuringTheBake_SignalsRollbackAndTheReleaseRollsBack()
    {
        await CreateAsync("rel-1");
        await _host.AdvanceUntilAsync("rel-1", "baking");
        using var response = await _host.PostAsync("/api/alerts", Alert("alert-1", ServeTestHost.App));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var handled = await ServeTestHost.ReadJsonAsync(response);
        Assert.Equal("rollback-signalled", handled.GetProperty("handled").GetString());
        Assert.Equal("Fired", handled.GetProperty("monitorCondition").GetString());
        await _host.AdvanceUntilAsync("rel-1", "rolled-back");
        Assert.Equal(["1.5.0", "1.4.2"], _host.Target.AppService.SwapLog.Select(s => s.ToProduction));
    }

    [Fact]
    public async Task Alert_SentTwice_SecondIsDuplicate()
    {
        using var first = await _host.PostAsync("/api/alerts", Alert("alert-2", ServeTestHost.App));
        using var second = await _host.PostAsync("/api/alerts", Alert("alert-2", ServeTestHost.App));
        Assert.Equal("incident-recorded", (await ServeTestHost.ReadJsonAsync(first)).GetProperty("handled").GetString());
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("duplicate", (await ServeTestHost.ReadJsonAsync(second)).GetProperty("handled").GetString());
    }

    [Fact]
    public async Task Alert_ForAnUnknownApp_IsNoMatchingApp()
    {
        using var response = await _host.PostAsync("/api/alerts", Alert("alert-3", null));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("no-matching-app", (await ServeTestHost.ReadJsonAsync(response)).GetProperty("handled").GetString());
    }

    [Theory]
    [InlineData("schemaId", "schemaId")]
    [InlineData("alertId", "data.essentials.alertId")]
    [InlineData("firedDateTime", "data.essentials.firedDateTime")]
    [InlineData("monitorCondition", "data.essentials.monitorCondition")]
    [InlineData("alertTargetIDs", "data.essentials.alertTargetIDs")]
    public async Task Alert_BadBody_Returns400NamingTheFieldAndRecordsNothing(string broken, string field)
    {
        var alert = Alert("alert-4", ServeTestHost.App);
        var essentials = alert["data"]!["essentials"]!.AsObject();
        if (broken == "schemaId") alert["schemaId"] = "Microsoft.Insights/activityLogs";
        else if (broken == "alertTargetIDs") essentials[broken] = "not-an-array";
        else essentials.Remove(broken);
        using var response = await _host.PostAsync("/api/alerts", alert);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors {problem.GetProperty("errors")} do not name {field}");

        using var retry = await _host.PostAsync("/api/alerts", Alert("alert-4", ServeTestHost.App));
        Assert.Equal("incident-recorded", (await ServeTestHost.ReadJsonAsync(retry)).GetProperty("handled").GetString());
    }

    // ---- helpers ----

    private static void Normal(JsonObject b)
    {
        b["changeType"] = "normal";
        b["rollbackPlan"] = "Swap back; nothing in the schema changed.";
    }

    private static string Body(string route) => route switch
    {
        "approve" => """{"approver":"alice"}""",
        "reject" => """{"approver":"alice","reason":"no"}""",
        _ => """{"requestedBy":"alice","reason":"red"}""",
    };

    /// <summary>A metric alert in the common alert schema as Azure Monitor posts it (with a field Azure added later).</summary>
    private static JsonObject Alert(string id, string? app) => new()
    {
        ["schemaId"] = "azureMonitorCommonAlertSchema",
        ["data"] = new JsonObject
        {
            ["essentials"] = new JsonObject
            {
                ["alertId"] = $"/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/providers/Microsoft.AlertsManagement/alerts/{id}",
                ["alertRule"] = "web-5xx",
                ["severity"] = "Sev2",
                ["signalType"] = "Metric",
                ["monitorCondition"] = "Fired",
                ["monitoringService"] = "Platform",
                ["alertTargetIDs"] = new JsonArray(app is null
                    ? "/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourcegroups/rg/providers/microsoft.sql/servers/db1"
                    : $"/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourcegroups/rg/providers/microsoft.web/sites/{app}"),
                ["firedDateTime"] = "2026-11-22T09:05:41.1234567Z",
                ["description"] = "More than 20 server errors in 5 minutes",
                ["essentialsVersion"] = "1.0",
                ["alertContextVersion"] = "1.0",
                ["someFieldAzureAddedLater"] = new JsonObject { ["x"] = 1 },
            },
            ["alertContext"] = new JsonObject { ["conditionType"] = "SingleResourceMultipleMetricCriteria" },
        },
    };

    private async Task CreateAsync(string releaseId, Action<JsonObject>? change = null)
    {
        using var response = await _host.PostAsync("/api/releases", ServeTestHost.Release(releaseId, change));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Empty(await _host.Store.ListAllAsync(CancellationToken.None));
        using var app = await _host.Client.GetAsync($"/api/apps/{ServeTestHost.App}");
        var view = await ServeTestHost.ReadJsonAsync(app);
        Assert.False(view.TryGetProperty("active", out var active) && active.ValueKind != JsonValueKind.Null, $"an active release: {view}");
        Assert.Equal(0, view.GetProperty("queued").GetArrayLength());
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>A body sent chunked, without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
