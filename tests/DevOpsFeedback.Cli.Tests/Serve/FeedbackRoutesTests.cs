using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DevOpsFeedback.Api;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// The feedback, retrospective, planning and DORA routes of <c>dfb serve</c> over in-memory HTTP, with the real
/// SQLite store in a temporary data folder and a hand-set clock.
/// </summary>
public sealed class FeedbackRoutesTests : IAsyncLifetime
{
    private const string App = "contoso-web";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dfb-feedback-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(Start);
    private readonly Dictionary<string, string?> _configuration = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("the host is not started");

    private IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the host is not started");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task StartAsync(int burst = 120, int perMinute = 60)
    {
        _configuration["Feedback:RateLimitBurst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _configuration["Feedback:RateLimitPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var settings = new ServeSettings(DataDirectory: _dataDirectory);
        _app = ServeHost.Build(settings, [], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(_configuration);
            b.Services.AddSingleton<TimeProvider>(_clock);
        });
        await _app.StartAsync();
        _client = _app.GetTestClient();
        _client.DefaultRequestHeaders.Add(ApiKey.Header, ApiKey.LoadOrCreate(_dataDirectory).Key.Value);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    private async Task<List<FeedbackRecord>> StoredFeedbackAsync()
    {
        var records = new List<FeedbackRecord>();
        await foreach (var r in new FeedbackRepository(Services.GetRequiredService<IDocumentStore>()).QueryAsync(null, null, null, CancellationToken.None)) records.Add(r);
        return records;
    }

    private async Task<List<string>> StoredJsonAsync(string collection)
    {
        var docs = new List<string>();
        await foreach (var d in Services.GetRequiredService<IDocumentStore>().QueryAsync(collection, null, null, null, CancellationToken.None)) docs.Add(d.Json);
        return docs;
    }

    private static string FeedbackItem(string text = "Export fails on large reports.", string? version = "1.5.0", int rating = 2, string? userRef = "user-7f3a91") =>
        new JsonObject
        {
            ["app"] = App,
            ["version"] = version,
            ["rating"] = rating,
            ["category"] = "bug",
            ["text"] = text,
            ["userRef"] = userRef,
            ["page"] = "/reports/export",
        }.ToJsonString();

    private static string Batch(IEnumerable<string> items) => $$"""{"items": [{{string.Join(",", items)}}]}""";

    /// <summary>Writes a release log as the release loop would: requested, swapped, then succeeded or swapped back and rolled back.</summary>
    private async Task SeedReleaseAsync(string releaseId, string version, string previous, DateTimeOffset requestedAt, DateTimeOffset swappedAt, DateTimeOffset endedAt, bool rolledBack)
    {
        var request = new ReleaseRequest(releaseId, App, version, "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b", ChangeType.Standard, DatabaseChange.None,
            null, "pipeline", [], null, "default");
        var events = new List<ReleaseEvent>
        {
            new ReleaseRequested(requestedAt, request, ReleaseSettings.Default),
            new SlotsSwapped(swappedAt, true, "swapped", version, previous),
        };
        if (rolledBack)
        {
            events.Add(new SlotsSwappedBack(endedAt, true, "swapped back", previous));
            events.Add(new ReleaseRolledBack(endedAt, "p95 latency doubled"));
        }
        else
        {
            events.Add(new ReleaseSucceeded(endedAt, "bake passed"));
        }

        await Services.GetRequiredService<IReleaseStore>().AppendAsync(releaseId, App, 0, ReleaseJson.ToEnvelopes(0, events), rolledBack ? "rolled-back" : "succeeded", CancellationToken.None);
    }

    // ---- POST /api/feedback ----

    [Fact]
    public async Task PostFeedback_OneItem_Returns202AndStoresMaskedTextAndHashedUser()
    {
        await StartAsync();
        var text = "Mail me at jane.doe@example.com or call +1 (555) 123-4567, card 4111 1111 1111 1111. Export fails <b>again</b>.";

        var response = await PostAsync("/api/feedback", FeedbackItem(text));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (int)(await JsonAsync(response))["accepted"]!);
        var stored = Assert.Single(await StoredFeedbackAsync());
        Assert.Equal("Mail me at [EMAIL] or call [PHONE], card [CARD]. Export fails <b>again</b>.", stored.Text);
        var salt = Encoding.UTF8.GetBytes(FeedbackSalt.LoadOrCreate(_dataDirectory));
        Assert.Equal(UserRefHasher.Hash("user-7f3a91", salt), stored.UserHash);
        Assert.Equal("1.5.0", stored.Version);
        Assert.False(stored.VersionInferred);
        var raw = Assert.Single(await StoredJsonAsync(FeedbackRepository.Collection));
        Assert.DoesNotContain("user-7f3a91", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostFeedback_Batch_Returns202WithCountAndStoresEveryItem()
    {
        await StartAsync();

        var response = await PostAsync("/api/feedback", Batch(Enumerable.Range(0, 3).Select(i => FeedbackItem($"Export fails, try {i}", userRef: $"user-{i}"))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (int)(await JsonAsync(response))["accepted"]!);
        var stored = await StoredFeedbackAsync();
        Assert.Equal(3, stored.Count);
        Assert.Equal(3, stored.Select(r => r.UserHash).Distinct().Count());
    }

    [Fact]
    public async Task PostFeedback_BatchWithOneBadItem_Returns400NamingItsIndexAndStoresNothing()
    {
        await StartAsync();
        var items = new[] { FeedbackItem("fine"), FeedbackItem("fine too"), FeedbackItem("bad rating", rating: 9), FeedbackItem("fine three") };

        var response = await PostAsync("/api/feedback", Batch(items));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response))["errors"]!.AsObject();
        Assert.Equal(["items[2].rating"], errors.Select(e => e.Key));
        Assert.Empty(await StoredFeedbackAsync());
    }

    [Theory]
    [InlineData("""{"category":"bug","text":"x"}""", "app")]
    [InlineData("""{"app":"contoso web","category":"bug","text":"x"}""", "app")]
    [InlineData("""{"app":"contoso-web","text":"x"}""", "category")]
    [InlineData("""{"app":"contoso-web","category":"rant","text":"x"}""", "category")]
    [InlineData("""{"app":"contoso-web","category":"bug"}""", "text")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"   "}""", "text")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"bell \u0007"}""", "text")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x","rating":0}""", "rating")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x","rating":6}""", "rating")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x","rating":2.5}""", "rating")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x","rating":"3"}""", "rating")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x","version":"1.5.0 beta"}""", "version")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x","userRef":42}""", "userRef")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x","page":"https://evil.example/x"}""", "page")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x","mood":"sad"}""", "mood")]
    [InlineData("""{"items":[]}""", "items")]
    [InlineData("""{"items":[{"app":"contoso-web","category":"bug","text":"x","extra":1}]}""", "items[0].extra")]
    [InlineData("""{"items":[{"app":"contoso-web","category":"bug","text":"x"}],"app":"contoso-web"}""", "app")]
    [InlineData("""[{"app":"contoso-web","category":"bug","text":"x"}]""", "body")]
    [InlineData("""{"app":"contoso-web","category":"bug","text":"x",}""", "body")]
    [InlineData("""{"app":"contoso-web","app":"other","category":"bug","text":"x"}""", "body")]
    public async Task PostFeedback_BadField_Returns400NamingItAndStoresNothing(string body, string field)
    {
        await StartAsync();

        var response = await PostAsync("/api/feedback", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response))["errors"]!.AsObject();
        Assert.Contains(field, errors.Select(e => e.Key));
        Assert.Empty(await StoredFeedbackAsync());
    }

    [Fact]
    public async Task PostFeedback_TextOver4000Characters_Returns400OnText()
    {
        await StartAsync();

        var response = await PostAsync("/api/feedback", FeedbackItem(new string('a', 4001)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response))["errors"]!.AsObject().ContainsKey("text"));
        Assert.Empty(await StoredFeedbackAsync());
    }

    [Fact]
    public async Task PostFeedback_501Items_Returns400OnItems()
    {
        await StartAsync();

        var response = await PostAsync("/api/feedback", Batch(Enumerable.Range(0, 501).Select(i => FeedbackItem($"n {i}"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["items"], (await JsonAsync(response))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(await StoredFeedbackAsync());
    }

    [Fact]
    public async Task PostFeedback_WithoutVersion_StoresTheVersionProductionRanAtThatTime()
    {
        await StartAsync();
        var day = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        await SeedReleaseAsync("rel-a", "1.5.0", "1.4.2", day.AddDays(-1), day.AddDays(-1).AddHours(2), day.AddDays(-1).AddHours(3), rolledBack: false);
        await SeedReleaseAsync("rel-b", "1.6.0", "1.5.0", day.AddHours(9), day.AddHours(10), day.AddHours(11), rolledBack: true);

        _clock.Now = day.AddHours(10).AddMinutes(30); // 1.6.0 in production, before its swap-back
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/feedback", FeedbackItem("during the bake", version: null))).StatusCode);
        _clock.Now = Start; // after the swap-back: 1.5.0 again
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/feedback", FeedbackItem("after the rollback", version: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/feedback", FeedbackItem("named version", version: "2.0.0"))).StatusCode);

        var stored = (await StoredFeedbackAsync()).ToDictionary(r => r.Text, StringComparer.Ordinal);
        Assert.Equal(("1.6.0", true), (stored["during the bake"].Version, stored["during the bake"].VersionInferred));
        Assert.Equal(("1.5.0", true), (stored["after the rollback"].Version, stored["after the rollback"].VersionInferred));
        Assert.Equal(("2.0.0", false), (stored["named version"].Version, stored["named version"].VersionInferred));
    }

    [Fact]
    public async Task PostFeedback_WithoutVersionForAnAppNeverReleased_StoresNoVersion()
    {
        await StartAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/feedback", FeedbackItem("new app", version: null))).StatusCode);

        var stored = Assert.Single(await StoredFeedbackAsync());
        Assert.Null(stored.Version);
        Assert.False(stored.VersionInferred);
    }

    [Fact]
    public async Task PostFeedback_OverTheRateLimit_Returns429WithRetryAfterAndStoresNothing()
    {
        await StartAsync(burst: 2, perMinute: 6);

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/feedback", FeedbackItem("one"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/feedback", FeedbackItem("two"))).StatusCode);
        var limited = await PostAsync("/api/feedback", FeedbackItem("three"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(ApiProblem.ContentType, limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(10), limited.Headers.RetryAfter?.Delta);
        Assert.Equal(429, (int)(await JsonAsync(limited))["status"]!);
        Assert.Equal(2, (await StoredFeedbackAsync()).Count);

        _clock.Now = Start.AddSeconds(10); // one token back at 6 a minute
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/feedback", FeedbackItem("four"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync("/api/feedback", FeedbackItem("five"))).StatusCode);
        Assert.Equal(3, (await StoredFeedbackAsync()).Count);
    }

    [Fact]
    public async Task PostFeedback_WithoutApiKey_Returns401AndStoresNothing()
    {
        await StartAsync();
        using var anonymous = _app!.GetTestClient();

        var response = await anonymous.PostAsync("/api/feedback", new StringContent(FeedbackItem(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await StoredFeedbackAsync());
    }

    // ---- POST /api/retrospectives ----

    private const string Retrospective = """
        { "team": "payments", "iteration": "2026-W47", "releaseIds": ["rel-2026-11-20-payments-0041"],
          "items": [ { "kind": "to-improve", "text": "Migration not rehearsed on prod-size data", "votes": 5 },
                     { "kind": "action", "text": "Add a prod-size migration rehearsal", "owner": "team-payments", "dueDate": "2026-12-04" } ] }
        """;

    [Fact]
    public async Task PostRetrospective_Valid_Returns201WithIdAndStoresIt()
    {
        await StartAsync();

        var response = await PostAsync("/api/retrospectives", Retrospective);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (string)(await JsonAsync(response))["retrospectiveId"]!;
        Assert.Matches("^[A-Za-z0-9._-]{1,100}$", id);
        var stored = new List<RetrospectiveRecord>();
        await foreach (var r in new RetrospectiveRepository(Services.GetRequiredService<IDocumentStore>()).QueryAsync(null, null, CancellationToken.None)) stored.Add(r);
        var retro = Assert.Single(stored);
        Assert.Equal((id, "payments", "2026-W47", Start), (retro.Id, retro.Team, retro.Iteration, retro.ReceivedAt));
        Assert.Equal(new DateOnly(2026, 12, 4), retro.Items[1].DueDate);
    }

    [Theory]
    [InlineData("team", null, "team")]
    [InlineData("team", "\"pay ments\"", "team")]
    [InlineData("iteration", null, "iteration")]
    [InlineData("items", null, "items")]
    [InlineData("items", "[]", "items")]
    [InlineData("releaseIds", "[\"bad id\"]", "releaseIds[0]")]
    [InlineData("items", """[{"kind":"meh","text":"x"}]""", "items[0].kind")]
    [InlineData("items", """[{"kind":"went-well","text":""}]""", "items[0].text")]
    [InlineData("items", """[{"kind":"went-well","text":"x","votes":-1}]""", "items[0].votes")]
    [InlineData("items", """[{"kind":"went-well","text":"x","votes":1001}]""", "items[0].votes")]
    [InlineData("items", """[{"kind":"went-well","text":"x","owner":"me"}]""", "items[0].owner")]
    [InlineData("items", """[{"kind":"action","text":"x","dueDate":"2026-12-04"}]""", "items[0].owner")]
    [InlineData("items", """[{"kind":"action","text":"x","owner":"me"}]""", "items[0].dueDate")]
    [InlineData("items", """[{"kind":"action","text":"x","owner":"me","dueDate":"2026-02-30"}]""", "items[0].dueDate")]
    [InlineData("items", """[{"kind":"went-well","text":"x","colour":"red"}]""", "items[0].colour")]
    [InlineData("sprint", "\"12\"", "sprint")]
    public async Task PostRetrospective_BadField_Returns400NamingItAndStoresNothing(string property, string? json, string field)
    {
        await StartAsync();
        var body = JsonNode.Parse(Retrospective)!.AsObject();
        if (json is null) body.Remove(property);
        else body[property] = JsonNode.Parse(json);

        var response = await PostAsync("/api/retrospectives", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await JsonAsync(response))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(await StoredJsonAsync(RetrospectiveRepository.Collection));
    }

    // ---- POST /api/retrospectives/{id}/actions/{index}/done ----

    private async Task<string> PostRetrospectiveAsync()
    {
        var response = await PostAsync("/api/retrospectives", Retrospective);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await JsonAsync(response))["retrospectiveId"]!;
    }

    private async Task<List<JsonObject>> PlanningItemsAsync(string query = "")
    {
        var response = await Client.GetAsync("/api/planning" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await JsonAsync(response))["items"]!.AsArray().Select(i => i!.AsObject())];
    }

    [Fact]
    public async Task DoneAction_PastItsDueDate_LeavesThePlanningBacklog()
    {
        await StartAsync();
        var id = await PostRetrospectiveAsync();
        _clock.Now = new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero); // due 2026-12-04

        var overdue = Assert.Single(await PlanningItemsAsync(), i => (string)i["kind"]! == "overdue-action");
        Assert.Equal("payments", (string)overdue["scope"]!);

        var response = await PostAsync($"/api/retrospectives/{id}/actions/1/done", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal((id, 1, "2026-12-10", "team-payments"), ((string)body["retrospectiveId"]!, (int)body["index"]!, (string)body["completedOn"]!, (string)body["owner"]!));
        Assert.DoesNotContain(await PlanningItemsAsync(), i => (string)i["kind"]! == "overdue-action");

        var again = await PostAsync($"/api/retrospectives/{id}/actions/1/done", """{"completedOn": "2026-12-03"}""");
        Assert.Equal("2026-12-03", (string)(await JsonAsync(again))["completedOn"]!);
    }

    [Theory]
    [InlineData("0", "", HttpStatusCode.BadRequest, "index")]
    [InlineData("2", "", HttpStatusCode.BadRequest, "index")]
    [InlineData("-1", "", HttpStatusCode.BadRequest, "index")]
    [InlineData("1", """{"completedOn": "2026-11-23"}""", HttpStatusCode.BadRequest, "completedOn")]
    [InlineData("1", """{"completedOn": "2026-02-30"}""", HttpStatusCode.BadRequest, "completedOn")]
    [InlineData("1", """{"done": true}""", HttpStatusCode.BadRequest, "done")]
    [InlineData("1", "[]", HttpStatusCode.BadRequest, "body")]
    public async Task DoneAction_BadInput_Returns400NamingTheFieldAndChangesNothing(string index, string body, HttpStatusCode status, string field)
    {
        await StartAsync();
        var id = await PostRetrospectiveAsync();

        var response = await PostAsync($"/api/retrospectives/{id}/actions/{index}/done", body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal([field], (await JsonAsync(response))["errors"]!.AsObject().Select(e => e.Key));
        var stored = new List<RetrospectiveRecord>();
        await foreach (var r in new RetrospectiveRepository(Services.GetRequiredService<IDocumentStore>()).QueryAsync(null, null, CancellationToken.None)) stored.Add(r);
        Assert.Null(Assert.Single(stored).Items[1].CompletedOn);
    }

    [Theory]
    [InlineData("retro-20261122-060000-0123456789ab")]
    [InlineData("retro-1")]
    public async Task DoneAction_UnknownRetrospective_Returns404(string id)
    {
        await StartAsync();
        await PostRetrospectiveAsync();

        var response = await PostAsync($"/api/retrospectives/{id}/actions/1/done", "");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // ---- POST /api/planning/{key}/close and /reopen ----

    [Fact]
    public async Task ClosePlanningItem_FoundByTheLastRun_StaysClosedLeavesTheReportAndReopens()
    {
        await StartAsync();
        await SeedPlanningAsync("Export fails on large reports");
        _clock.Now = Start.AddHours(1);
        var fix = Assert.Single(await PlanningItemsAsync("?app=contoso-web"), i => (string)i["kind"]! == "fix-forward");
        var key = (string)fix["key"]!;

        var closed = await PostAsync($"/api/planning/{key}/close", """{"scope": "contoso-web"}""");

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (string)(await JsonAsync(closed))["status"]!);
        _clock.Now = Start.AddDays(1);
        Assert.Equal("closed", (string)Assert.Single(await PlanningItemsAsync("?app=contoso-web"), i => (string)i["key"]! == key)["status"]!);
        var report = await (await Client.GetAsync("/api/planning/report?app=contoso-web")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(key, report, StringComparison.Ordinal);
        Assert.Contains("1 closed item not shown.", report, StringComparison.Ordinal);

        var reopened = await PostAsync($"/api/planning/{key}/reopen", """{"scope": "contoso-web"}""");
        Assert.Equal("open", (string)(await JsonAsync(reopened))["status"]!);
        Assert.Contains(key, await (await Client.GetAsync("/api/planning/report?app=contoso-web")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fix-Forward", """{"scope": "contoso-web"}""", HttpStatusCode.BadRequest, "key")]
    [InlineData("fix-0123456789abcdef", """{}""", HttpStatusCode.BadRequest, "scope")]
    [InlineData("fix-0123456789abcdef", """{"scope": "contoso web"}""", HttpStatusCode.BadRequest, "scope")]
    [InlineData("fix-0123456789abcdef", """{"scope": "contoso-web", "why": "done"}""", HttpStatusCode.BadRequest, "why")]
    [InlineData("fix-0123456789abcdef", "", HttpStatusCode.BadRequest, "body")]
    [InlineData("fix-0123456789abcdef", """{"scope": "contoso-web"}""", HttpStatusCode.NotFound, null)]
    public async Task ClosePlanningItem_BadInputOrUnknownKey_SavesNothing(string key, string body, HttpStatusCode status, string? field)
    {
        await StartAsync();
        await SeedPlanningAsync("Export fails on large reports");

        var response = await PostAsync($"/api/planning/{key}/close", body);

        Assert.Equal(status, response.StatusCode);
        if (field is not null) Assert.Equal([field], (await JsonAsync(response))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(await new PlanningItemRepository(Services.GetRequiredService<IDocumentStore>()).ListAsync(null, CancellationToken.None));
    }

    // ---- GET /api/planning and /api/planning/report ----

    private async Task SeedPlanningAsync(string text)
    {
        var items = Enumerable.Range(0, 25).Select(i => FeedbackItem(text, rating: 2, userRef: $"user-{i}"));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/api/feedback", Batch(items))).StatusCode);
        await SeedReleaseAsync("rel-b", "1.6.0", "1.5.0", Start.AddDays(-2), Start.AddDays(-2).AddHours(1), Start.AddDays(-2).AddHours(2), rolledBack: true);
    }

    [Fact]
    public async Task GetPlanning_FeedbackAndARollback_ReturnsRankedItemsWithScorePartsAndSavesNothing()
    {
        await StartAsync();
        await SeedPlanningAsync("Export fails on large reports");
        _clock.Now = Start.AddHours(1);

        var response = await Client.GetAsync("/api/planning?app=contoso-web&since=2026-11-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("2026-11-01T00:00:00+00:00", (string)body["since"]!);
        var items = body["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Contains(items, i => (string)i["kind"]! == "fix-forward" && ((string)i["title"]!).Contains("1.6.0", StringComparison.Ordinal)
            && (string)i["evidence"]![0]!["reference"]! == "rel-b");
        Assert.Contains(items, i => (string)i["kind"]! == "theme" && ((string)i["title"]!).Contains("export", StringComparison.Ordinal));
        foreach (var i in items)
        {
            Assert.Equal("open", (string)i["status"]!);
            var parts = i["scoreParts"]!;
            Assert.Equal((double)i["score"]!, Math.Round((double)parts["reach"]! + (double)parts["severity"]! + (double)parts["trend"]! + (double)parts["age"]!, 1), 6);
            Assert.Matches("^[a-z0-9-]{1,64}$", (string)i["key"]!);
        }

        var scores = items.Select(i => (double)i["score"]!).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Empty(await new PlanningItemRepository(Services.GetRequiredService<IDocumentStore>()).ListAsync(null, CancellationToken.None));
    }

    [Theory]
    [InlineData("/api/planning?app=contoso%20web", "app")]
    [InlineData("/api/planning?app=", "app")]
    [InlineData("/api/planning?since=yesterday", "since")]
    [InlineData("/api/planning?since=2026-11-01T00:00:00", "since")]
    [InlineData("/api/planning?since=2026-02-30", "since")]
    [InlineData("/api/planning?since=2026-12-01", "since")]
    [InlineData("/api/planning/report?app=a/b", "app")]
    [InlineData("/api/planning/report?since=2026-11-01T00:00:00+00:00", "since")]
    public async Task GetPlanning_BadQuery_Returns400NamingTheParameter(string url, string parameter)
    {
        await StartAsync();

        var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], (await JsonAsync(response))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task GetPlanningReport_UserTextWithMarkup_ReturnsMarkdownWithTheTextEscaped()
    {
        await StartAsync();
        await SeedPlanningAsync("Export <script>alert(1)</script> fails, see [here](http://evil.example) **now**");
        _clock.Now = Start.AddHours(1);

        var response = await Client.GetAsync("/api/planning/report?app=contoso-web&since=2026-11-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Planning report 2026-11-01 to 2026-11-22", markdown, StringComparison.Ordinal);
        Assert.Contains("## DORA metrics", markdown, StringComparison.Ordinal);
        Assert.Contains("Fix forward: contoso\\-web 1\\.6\\.0 rolled back", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;", markdown, StringComparison.Ordinal);
        Assert.Contains("\\[here\\]\\(http://evil\\.example\\) \\*\\*now\\*\\*", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[here](", markdown, StringComparison.Ordinal);
    }

    // ---- GET /api/metrics/dora ----

    [Fact]
    public async Task GetDora_SmallFixture_ReturnsTheFourFiguresWithBands()
    {
        await StartAsync();
        var d = new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);
        await SeedReleaseAsync("rel-0", "1.0.0", "0.9.0", d.AddDays(-5), d.AddDays(-5).AddHours(1), d.AddDays(-5).AddHours(2), rolledBack: false); // before the period
        await SeedReleaseAsync("rel-1", "1.1.0", "1.0.0", d.AddDays(1).AddHours(8), d.AddDays(1).AddHours(10), d.AddDays(1).AddHours(11), rolledBack: false); // lead 2 h
        await SeedReleaseAsync("rel-2", "1.2.0", "1.1.0", d.AddDays(2).AddHours(8), d.AddDays(2).AddHours(12), d.AddDays(2).AddHours(13), rolledBack: false); // 4 h
        await SeedReleaseAsync("rel-3", "1.3.0", "1.2.0", d.AddDays(3).AddHours(8), d.AddDays(3).AddHours(14), d.AddDays(3).AddHours(14).AddMinutes(30), rolledBack: true); // 6 h, restored in 30 min
        await SeedReleaseAsync("rel-4", "1.3.1", "1.2.0", d.AddDays(4).AddHours(8), d.AddDays(4).AddHours(16), d.AddDays(4).AddHours(17), rolledBack: false); // 8 h
        var incident = new Incident(App, "alert-1", "p95 latency", "Sev2", d.AddDays(5).AddHours(9), d.AddDays(5).AddHours(10).AddMinutes(30)); // 90 min
        await Services.GetRequiredService<IDocumentStore>().PutAsync(ReleaseApi.IncidentCollection, new Document(App, "alert-1", ReleaseJson.Serialize(incident)), CancellationToken.None);

        var response = await Client.GetAsync("/api/metrics/dora?app=contoso-web&since=2026-11-15&until=2026-11-22");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("contoso-web", (string)body["app"]!);
        var frequency = body["deploymentFrequency"]!;
        Assert.Equal((4, "high"), ((int)frequency["deployments"]!, (string)frequency["band"]!));
        Assert.Equal(4.0 / 7, (double)frequency["perDay"]!, 9);
        Assert.Equal((5.0, "elite"), ((double)body["leadTime"]!["medianHours"]!, (string)body["leadTime"]!["band"]!));
        var failures = body["changeFailureRate"]!;
        Assert.Equal((0.25, 1, 4, "high"), ((double)failures["rate"]!, (int)failures["failures"]!, (int)failures["deployments"]!, (string)failures["band"]!));
        var restore = body["timeToRestore"]!;
        Assert.Equal((1.0, 2, 0, "high"), ((double)restore["medianHours"]!, (int)restore["restorations"]!, (int)restore["unrestored"]!, (string)restore["band"]!));
    }

    [Fact]
    public async Task GetDora_NoDeployments_ReturnsNoDataBands()
    {
        await StartAsync();

        var response = await Client.GetAsync("/api/metrics/dora?app=contoso-web");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal((0, "no-data"), ((int)body["deploymentFrequency"]!["deployments"]!, (string)body["deploymentFrequency"]!["band"]!));
        Assert.Equal("no-data", (string)body["timeToRestore"]!["band"]!);
        Assert.Equal(Start.AddDays(-28), DateTimeOffset.Parse((string)body["since"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("/api/metrics/dora", "app")]
    [InlineData("/api/metrics/dora?app=bad%20app", "app")]
    [InlineData("/api/metrics/dora?app=contoso-web&since=last-week", "since")]
    [InlineData("/api/metrics/dora?app=contoso-web&until=2026-13-01", "until")]
    [InlineData("/api/metrics/dora?app=contoso-web&since=2026-11-20&until=2026-11-10", "since")]
    [InlineData("/api/metrics/dora?app=contoso-web&since=2026-11-20&until=2026-11-20", "since")]
    public async Task GetDora_BadQuery_Returns400NamingTheParameter(string url, string parameter)
    {
        await StartAsync();

        var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], (await JsonAsync(response))["errors"]!.AsObject().Select(e => e.Key));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
