using System.Net.Http.Json;
using System.Text.Json;
using DevOpsFeedback.Azure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// <c>dfb serve</c> in memory with notifications configured: a webhook sink on a loopback receiver and one that is down.
/// The release runs on virtual time against the simulated App Service; the sinks are reached over real HTTP.
/// </summary>
public sealed class NotificationWiringTests : IAsyncDisposable
{
    private const string ReleaseId = "rel-notify-0001";
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dfb-notify-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Release_WithAWebhookSinkAndOneThatIsDown_ReachesTheSinkRecordsEveryAttemptAndStillSucceeds()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var down = NotificationReceiver.DownUrl();
        await using var app = Build(new Dictionary<string, string?>
        {
            ["Notifications:BaseUrl"] = "https://dfb.contoso.test",
            ["Notifications:Sinks:team:Type"] = "webhook",
            ["Notifications:Sinks:team:Url"] = receiver.Url.AbsoluteUri,
            ["Notifications:Sinks:pager:Type"] = "webhook",
            ["Notifications:Sinks:pager:Url"] = down.AbsoluteUri,
            ["Notifications:Routes:*:*:0"] = "team",
            ["Notifications:Routes:contoso-web:*:0"] = "pager",
            ["Notifications:Delivery:MaxAttempts"] = "3",
            ["Notifications:Delivery:InitialDelay"] = "00:00:01",
            ["Notifications:Delivery:MaxDelay"] = "00:00:04",
        });
        await app.StartAsync();
        using var client = Client(app);

        var created = await client.PostAsync("/api/releases", JsonContent.Create(new
        {
            releaseId = ReleaseId, app = "contoso-web", candidateVersion = "1.5.0", candidateCommit = "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b",
            changeType = "standard", requestedBy = "pipeline", policy = "quick",
        }));
        Assert.Equal(202, (int)created.StatusCode);

        var release = await PollAsync(client, r =>
            Outcome(r) is not null
            && receiver.Received.Any(n => n.Kind == "succeeded")
            && Deliveries(r).Any(d => d.Sink == "pager" && d.Kind == "succeeded" && d.NextAttemptAt is null));

        Assert.Equal("succeeded", Outcome(release));
        var kinds = receiver.Received.Select(n => n.Kind).ToList();
        Assert.Equal(["queued", "swapped", "succeeded"], kinds.Where(k => k is "queued" or "swapped" or "succeeded"));
        Assert.Equal(kinds.Count, receiver.Received.Select(n => n.Id).Distinct().Count());
        var queued = receiver.Received.First(n => n.Kind == "queued").Body;
        Assert.Equal(ReleaseId, queued.GetProperty("releaseId").GetString());
        Assert.Equal(["https://dfb.contoso.test/api/releases/" + ReleaseId], queued.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("url").GetString()));

        var deliveries = Deliveries(release);
        var team = deliveries.Where(d => d.Sink == "team").ToList();
        Assert.Equal(kinds.Count, team.Count);
        Assert.All(team, d => Assert.True(d.Succeeded && d.Attempt == 1 && d.StatusCode == 200, $"team {d.Kind} attempt {d.Attempt}"));
        foreach (var notification in deliveries.Where(d => d.Sink == "pager").GroupBy(d => d.NotificationId))
        {
            Assert.Equal([1, 2, 3], notification.Select(d => d.Attempt));
            Assert.All(notification, d => Assert.False(d.Succeeded));
            Assert.All(notification, d => Assert.StartsWith("no answer", d.Error, StringComparison.Ordinal));
            Assert.Equal([true, true, false], notification.Select(d => d.NextAttemptAt is not null));
        }

        Assert.Equal(team.Select(d => d.NotificationId), deliveries.Where(d => d.Sink == "pager" && d.Attempt == 1).Select(d => d.NotificationId));
    }

    [Fact]
    public async Task Release_WithoutNotificationSettings_RunsAndRecordsNoDeliveries()
    {
        await using var app = Build([]);
        await app.StartAsync();
        using var client = Client(app);

        var created = await client.PostAsync("/api/releases", JsonContent.Create(new
        {
            releaseId = ReleaseId, app = "contoso-web", candidateVersion = "1.5.0", candidateCommit = "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b",
            changeType = "standard", requestedBy = "pipeline", policy = "quick",
        }));
        var release = await PollAsync(client, r => Outcome(r) is not null);

        Assert.Equal(202, (int)created.StatusCode);
        Assert.Equal("succeeded", Outcome(release));
        Assert.Empty(release.GetProperty("deliveries").EnumerateArray());
    }

    [Theory]
    [InlineData("Notifications:BaseUrl", "", "Notifications:BaseUrl")]
    [InlineData("Notifications:Sinks:team:Url", "http://hooks.contoso.test/x", "Notifications:Sinks:team:Url")]
    [InlineData("Notifications:Sinks:team:Type", "email", "Notifications:Sinks:team:Type")]
    [InlineData("Notifications:Routes:*:deployed:0", "team", "Notifications:Routes:*:deployed")]
    [InlineData("Notifications:Routes:*:*:1", "nobody", "Notifications:Routes:*:*:1")]
    public void Build_InvalidNotificationSetting_FailsAtStartNamingTheKey(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:BaseUrl"] = "https://dfb.contoso.test",
            ["Notifications:Sinks:team:Type"] = "webhook",
            ["Notifications:Sinks:team:Url"] = "https://hooks.contoso.test/x",
            ["Notifications:Routes:*:*:0"] = "team",
        };
        settings[key] = value;

        var ex = Assert.Throws<InvalidSettingsException>(() => Build(settings));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }

    private WebApplication Build(Dictionary<string, string?> configuration) =>
        ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _data, HealthCheckInterval: TimeSpan.FromHours(1)), [], b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
            b.Configuration.AddInMemoryCollection(configuration);
            b.Services.AddSingleton<TimeProvider>(new NotificationWiringClock(T0));
        });

    private HttpClient Client(WebApplication app)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add(ApiKey.Header, ApiKey.LoadOrCreate(_data).Key.Value);
        return client;
    }

    /// <summary>Reads the release until <paramref name="done"/> holds, within a bounded deadline.</summary>
    private static async Task<JsonElement> PollAsync(HttpClient client, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            var response = await client.GetAsync($"/api/releases/{ReleaseId}", timeout.Token);
            Assert.Equal(200, (int)response.StatusCode);
            var release = (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).Clone();
            if (done(release)) return release;
            Assert.False(timeout.IsCancellationRequested, $"release not done within {Deadline}: {release}");
            await Task.Delay(TimeSpan.FromMilliseconds(25), TimeProvider.System, timeout.Token);
        }
    }

    private static List<Delivery> Deliveries(JsonElement release) =>
    [
        .. release.GetProperty("deliveries").EnumerateArray().Select(d => new Delivery(
            d.GetProperty("notificationId").GetString()!,
            d.GetProperty("kind").GetString()!,
            d.GetProperty("sink").GetString()!,
            d.GetProperty("attempt").GetInt32(),
            d.GetProperty("succeeded").GetBoolean(),
            d.TryGetProperty("statusCode", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null,
            d.TryGetProperty("error", out var error) ? error.GetString() : null,
            d.TryGetProperty("nextAttemptAt", out var next) && next.ValueKind == JsonValueKind.String ? next.GetDateTimeOffset() : null)),
    ];

    /// <summary>The outcome, or null while the release runs (null members are left out of the JSON).</summary>
    private static string? Outcome(JsonElement release) =>
        release.TryGetProperty("outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String ? outcome.GetString() : null;

    private sealed record Delivery(string NotificationId, string Kind, string Sink, int Attempt, bool Succeeded, int? StatusCode, string? Error, DateTimeOffset? NextAttemptAt);
}
