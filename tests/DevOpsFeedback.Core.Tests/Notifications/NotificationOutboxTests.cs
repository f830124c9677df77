using System.Collections.Concurrent;

namespace DevOpsFeedback.Notifications;

public sealed class NotificationOutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Notification Note(string id, string? releaseId) =>
        new(id, NotificationKind.Succeeded, "contoso-web", releaseId, "t", "x", [], [], T0);

    /// <summary>Fails the first <c>failures</c> attempts of each listed notification id, and records every call.</summary>
    private sealed class FlakySink(ManualTimeProvider time, IReadOnlyDictionary<string, int> failures) : INotificationSink
    {
        private readonly ConcurrentDictionary<string, int> _seen = new();

        public ConcurrentQueue<(string Id, DateTimeOffset At, bool Ok)> Calls { get; } = new();

        public string Type => "webhook";

        public Task<SinkResponse> SendAsync(SinkEndpoint endpoint, Notification notification, CancellationToken cancellationToken)
        {
            var n = _seen.AddOrUpdate(notification.Id, 1, (_, c) => c + 1);
            var ok = n > failures.GetValueOrDefault(notification.Id);
            Calls.Enqueue((notification.Id, time.GetUtcNow(), ok));
            return Task.FromResult(ok ? SinkResponse.Delivered(200) : SinkResponse.FromStatus(503, null, null));
        }
    }

    private static NotificationOptions WebhookOnly() => new()
    {
        BaseUrl = "https://dfb.contoso.test",
        Sinks = { ["audit"] = new NotificationSinkOptions { Type = "webhook", Url = "https://hooks.contoso.test/a" } },
        Routes = { ["*"] = new() { ["*"] = ["audit"] } },
    };

    [Fact]
    public void Enqueue_QueueFull_RefusesAndCountsWithoutBlocking()
    {
        var time = new ManualTimeProvider(T0);
        using var outbox = new NotificationOutbox(new NotificationDispatcher(WebhookOnly(), [new FlakySink(time, new Dictionary<string, int>())], time), capacity: 2);

        var accepted = outbox.Enqueue([Note("a", "r1"), Note("b", "r1"), Note("c", "r1")]);

        Assert.Equal(2, accepted);
        Assert.Equal(1, outbox.Dropped);
    }

    [Fact]
    public async Task RunAsync_RetryingNotification_HoldsBackLaterOnesOfTheSameReleaseOnly()
    {
        var time = new ManualTimeProvider(T0);
        var sink = new FlakySink(time, new Dictionary<string, int> { ["a"] = 2 });
        using var outbox = new NotificationOutbox(new NotificationDispatcher(WebhookOnly(), [sink], time));
        var results = new ConcurrentQueue<DispatchResult>();
        outbox.Dispatched += results.Enqueue;
        outbox.Enqueue([Note("a", "r1"), Note("b", "r1"), Note("c", "r2"), Note("d", null)]);
        outbox.Complete();

        await time.RunAsync(async () =>
        {
            await outbox.RunAsync(CancellationToken.None);
            return 0;
        });

        var calls = sink.Calls.ToList();
        Assert.Equal([0.0, 2, 6], calls.Where(c => c.Id == "a").Select(c => (c.At - T0).TotalSeconds));
        Assert.Equal(T0.AddSeconds(6), calls.Single(c => c.Id == "b").At);
        Assert.True(calls.FindIndex(c => c.Id == "b") > calls.FindLastIndex(c => c.Id == "a"));
        Assert.Equal(T0, calls.Single(c => c.Id == "c").At);
        Assert.Equal(T0, calls.Single(c => c.Id == "d").At);
        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.Empty(r.FailedSinks));
    }

    [Fact]
    public async Task RunAsync_HandlerThatThrows_IsCountedAndDeliveryGoesOn()
    {
        var time = new ManualTimeProvider(T0);
        var sink = new FlakySink(time, new Dictionary<string, int>());
        using var outbox = new NotificationOutbox(new NotificationDispatcher(WebhookOnly(), [sink], time));
        outbox.Dispatched += _ => throw new InvalidOperationException("handler bug");
        outbox.Enqueue([Note("a", "r1"), Note("b", "r1")]);
        outbox.Complete();

        await outbox.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, sink.Calls.Count);
        Assert.Equal(2, outbox.HandlerFailures);
        Assert.IsType<InvalidOperationException>(outbox.LastHandlerError);
    }
}
