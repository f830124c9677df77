using System.Collections.Concurrent;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Notifications;

public sealed class NotificationDispatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Notification Note(NotificationKind kind = NotificationKind.RolledBack, string app = "contoso-web") =>
        new("000042-" + NotificationKinds.Name(kind), kind, app, "rel-1", "contoso-web 1.5.0: rolled back", "ROLLED BACK: 5xx", [], [], T0);

    /// <summary>A hand-written sink: answers from a script per (sink name, attempt) and records each call's virtual time.</summary>
    private sealed class ScriptedSink(string type, ManualTimeProvider time, Func<string, int, SinkResponse> script) : INotificationSink
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public ConcurrentQueue<(string Sink, DateTimeOffset At)> Calls { get; } = new();

        public string Type => type;

        public Task<SinkResponse> SendAsync(SinkEndpoint endpoint, Notification notification, CancellationToken cancellationToken)
        {
            var n = _counts.AddOrUpdate(endpoint.Name, 1, (_, c) => c + 1);
            Calls.Enqueue((endpoint.Name, time.GetUtcNow()));
            return Task.FromResult(script(endpoint.Name, n));
        }
    }

    private static (NotificationDispatcher Dispatcher, ManualTimeProvider Time, ScriptedSink Webhook) Build(
        Func<string, int, SinkResponse> webhook,
        Func<string, int, SinkResponse>? others = null,
        IDeliveryLog? log = null,
        Action<NotificationOptions>? change = null)
    {
        var time = new ManualTimeProvider(T0);
        var hook = new ScriptedSink("webhook", time, webhook);
        others ??= (_, _) => SinkResponse.Delivered(200);
        INotificationSink[] sinks = [hook, new ScriptedSink("teams", time, others), new ScriptedSink("slack", time, others)];
        return (new NotificationDispatcher(TestOptions.Create(change), sinks, time, log), time, hook);
    }

    [Fact]
    public async Task DispatchAsync_SinkDown_RetriesWithExponentialBackoffThenRecordsItFailedWithoutThrowing()
    {
        var (dispatcher, time, hook) = Build((_, _) => SinkResponse.Unreachable("Connection refused (127.0.0.1:9)"));

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.Succeeded), CancellationToken.None));

        var attempts = result.Attempts.Where(a => a.Sink == "audit").ToList();
        Assert.Equal([1, 2, 3, 4, 5], attempts.Select(a => a.Attempt));
        Assert.Equal([0, 2, 6, 14, 30], attempts.Select(a => (a.At - T0).TotalSeconds));
        Assert.Equal([0, 2, 6, 14, 30], hook.Calls.Select(c => (c.At - T0).TotalSeconds));
        Assert.Equal([2, 4, 8, 16], time.Delays.Select(d => d.TotalSeconds));
        Assert.All(attempts, a => Assert.False(a.Succeeded));
        Assert.True(attempts[^1].GaveUp);
        Assert.Equal(T0.AddSeconds(2), attempts[0].NextAttemptAt);
        Assert.Contains("Connection refused", attempts[^1].Error, StringComparison.Ordinal);
        Assert.Equal<string>(["audit"], result.FailedSinks);
    }

    [Fact]
    public async Task DispatchAsync_ServerErrorsThenOk_StopsAtTheFirstSuccess()
    {
        var (dispatcher, time, _) = Build((_, n) => n < 3 ? SinkResponse.FromStatus(503, "busy", null) : SinkResponse.Delivered(202));

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.Succeeded), CancellationToken.None));

        Assert.Equal([(503, false), (503, false), (202, true)], result.Attempts.Select(a => (a.StatusCode!.Value, a.Succeeded)));
        Assert.Equal<string>(["audit"], result.DeliveredTo);
        Assert.Empty(result.FailedSinks);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task DispatchAsync_ClientError_IsNotRetried(int status)
    {
        var (dispatcher, time, _) = Build((_, _) => SinkResponse.FromStatus(status, "invalid_payload", null));

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.Succeeded), CancellationToken.None));

        var only = Assert.Single(result.Attempts);
        Assert.True(only.GaveUp);
        Assert.Empty(time.Delays);
        Assert.Equal($"HTTP {status}: invalid_payload", only.Error);
    }

    [Fact]
    public async Task DispatchAsync_TooManyRequestsWithRetryAfter_WaitsAsAsked()
    {
        var (dispatcher, time, _) = Build((_, n) => n == 1 ? SinkResponse.FromStatus(429, null, TimeSpan.FromSeconds(45)) : SinkResponse.Delivered(200));

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.Succeeded), CancellationToken.None));

        Assert.Equal([TimeSpan.FromSeconds(45)], time.Delays);
        Assert.Equal(T0.AddSeconds(45), result.Attempts[^1].At);
        Assert.True(result.Attempts[^1].Succeeded);
    }

    [Fact]
    public async Task DispatchAsync_SinkThatThrows_IsRecordedAsFailedAttemptsNotAnException()
    {
        var (dispatcher, time, _) = Build((_, _) => throw new InvalidOperationException("bug in sink"), change: o => o.Delivery.MaxAttempts = 2);

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.Succeeded), CancellationToken.None));

        Assert.Equal(2, result.Attempts.Length);
        Assert.All(result.Attempts, a => Assert.Contains("InvalidOperationException: bug in sink", a.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DispatchAsync_OneSinkDown_DoesNotDelayTheOthers()
    {
        var (dispatcher, time, _) = Build((_, _) => SinkResponse.Unreachable("refused"));

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.RolledBack), CancellationToken.None));

        Assert.Equal(["ops-slack", "ops-teams"], result.DeliveredTo.Order(StringComparer.Ordinal));
        Assert.All(result.Attempts.Where(a => a.Sink != "audit"), a => Assert.Equal((1, T0), (a.Attempt, a.At)));
        Assert.Equal(5, result.Attempts.Count(a => a.Sink == "audit"));
    }

    [Fact]
    public async Task DispatchAsync_WithDocumentLog_RecordsEveryAttemptOnTheRelease()
    {
        var store = new InMemoryDocumentStore();
        var log = new DocumentDeliveryLog(store);
        var seen = new List<DeliveryAttempt>();
        var (dispatcher, time, _) = Build((_, n) => n < 2 ? SinkResponse.FromStatus(500, null, null) : SinkResponse.Delivered(200), log: log);
        dispatcher.AttemptRecorded += seen.Add;

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.Succeeded), CancellationToken.None));
        var stored = await log.ListAsync("rel-1", CancellationToken.None);

        Assert.Equal<DeliveryAttempt>(result.Attempts, stored);
        Assert.Equal<DeliveryAttempt>(result.Attempts, seen);
        Assert.Empty(result.Problems);
    }

    private sealed class BrokenLog : IDeliveryLog
    {
        public Task RecordAsync(DeliveryAttempt attempt, CancellationToken cancellationToken) => throw new IOException("disk full");
    }

    [Fact]
    public async Task DispatchAsync_LogThatFails_ReportsTheProblemAndStillDelivers()
    {
        var (dispatcher, time, _) = Build((_, _) => SinkResponse.Delivered(200), log: new BrokenLog());

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.Succeeded), CancellationToken.None));

        Assert.Equal<string>(["audit"], result.DeliveredTo);
        Assert.Contains(result.Problems, p => p.Contains("disk full", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DispatchAsync_NoRoute_SaysSoWithoutAttempts()
    {
        var (dispatcher, time, _) = Build((_, _) => SinkResponse.Delivered(200), change: o => o.Routes.Remove("*"));

        var result = await time.RunAsync(() => dispatcher.DispatchAsync(Note(NotificationKind.Succeeded, "fabrikam-api"), CancellationToken.None));

        Assert.Empty(result.Attempts);
        Assert.Contains("no route for succeeded notifications of app fabrikam-api", result.Problems);
    }

    [Fact]
    public async Task DispatchAsync_CancelledWhileWaitingToRetry_ReturnsWhatHappenedWithoutThrowing()
    {
        var (dispatcher, time, _) = Build((_, _) => SinkResponse.Unreachable("refused"));
        using var cts = new CancellationTokenSource();

        var task = dispatcher.DispatchAsync(Note(NotificationKind.Succeeded), cts.Token);
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        var result = await task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(result.Attempts);
        Assert.Contains(result.Problems, p => p.Contains("cancelled while waiting to retry", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_ConfiguredTypeWithoutImplementation_ThrowsNamingTheSink()
    {
        var time = new ManualTimeProvider(T0);

        var ex = Assert.Throws<ArgumentException>(() => new NotificationDispatcher(TestOptions.Create(), [new ScriptedSink("webhook", time, (_, _) => SinkResponse.Delivered(200))], time));

        Assert.Contains("Notifications:Sinks:ops-teams:Type 'teams'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentDeliveryLog_AppLevelAttempt_GoesToTheAppPartition()
    {
        var store = new InMemoryDocumentStore();
        var log = new DocumentDeliveryLog(store);
        var attempt = new DeliveryAttempt("incident-1-incident-fired", NotificationKind.IncidentFired, "contoso-web", null, "audit", 1, T0, 200, null, true, null);

        await log.RecordAsync(attempt, CancellationToken.None);

        var doc = await store.GetAsync(DocumentDeliveryLog.Collection, "app:contoso-web", "incident-1-incident-fired/audit/01", CancellationToken.None);
        Assert.NotNull(doc);
        Assert.Contains("\"kind\":\"incident-fired\"", doc.Json, StringComparison.Ordinal);
    }
}
