using System.Collections.Concurrent;
using System.Collections.Immutable;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Notifications;

public sealed class DurableNotificationOutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly InMemoryDocumentStore _store = new();
    private readonly ManualTimeProvider _time = new(T0);

    private static Notification N(string releaseId, int version, NotificationKind kind = NotificationKind.Swapped) =>
        new($"{version:D6}-{NotificationKinds.Name(kind)}", kind, "contoso-web", releaseId, $"{releaseId} v{version}", "text", [], [], T0);

    private static Func<Notification, CancellationToken, Task<DispatchResult>> Recording(ConcurrentQueue<string> delivered) =>
        (n, _) =>
        {
            delivered.Enqueue($"{n.ReleaseId}/{n.Id}");
            return Task.FromResult(new DispatchResult(n, [], []));
        };

    private async Task<int> PendingAsync()
    {
        var count = 0;
        await foreach (var _ in _store.QueryAsync(DurableNotificationOutbox.Collection, null, null, null, CancellationToken.None)) count++;
        return count;
    }

    [Fact]
    public async Task DrainAsync_WhatWasHandedOver_IsDeliveredInEventOrderPerReleaseAndThenGone()
    {
        using var outbox = new DurableNotificationOutbox(_store, _time);
        await outbox.EnqueueAsync([N("rel-1", 3), N("rel-2", 1)], CancellationToken.None);
        await outbox.EnqueueAsync([N("rel-1", 4), N("rel-1", 10)], CancellationToken.None);
        var delivered = new ConcurrentQueue<string>();

        var results = await outbox.DrainAsync(Recording(delivered), CancellationToken.None);

        Assert.Equal(4, results.Count);
        Assert.Equal(["rel-1/000003-swapped", "rel-1/000004-swapped", "rel-1/000010-swapped"], delivered.Where(d => d.StartsWith("rel-1/", StringComparison.Ordinal)));
        Assert.Contains("rel-2/000001-swapped", delivered);
        Assert.Equal(0, await PendingAsync());
        Assert.Empty(await outbox.DrainAsync(Recording(delivered), CancellationToken.None));
    }

    [Fact]
    public async Task DrainAsync_ANewOutboxOverTheSameStore_DeliversWhatTheOldProcessLeft()
    {
        using (var before = new DurableNotificationOutbox(_store, _time))
        {
            await before.EnqueueAsync([N("rel-1", 3), N("rel-1", 4)], CancellationToken.None);
        }

        using var after = new DurableNotificationOutbox(_store, _time);
        var delivered = new ConcurrentQueue<string>();
        await after.DrainAsync(Recording(delivered), CancellationToken.None);

        Assert.Equal(["rel-1/000003-swapped", "rel-1/000004-swapped"], delivered);
    }

    [Fact]
    public async Task EnqueueAsync_SameNotificationTwice_IsDeliveredOnce()
    {
        using var outbox = new DurableNotificationOutbox(_store, _time);
        await outbox.EnqueueAsync([N("rel-1", 3)], CancellationToken.None);
        await outbox.EnqueueAsync([N("rel-1", 3)], CancellationToken.None);
        var delivered = new ConcurrentQueue<string>();

        await outbox.DrainAsync(Recording(delivered), CancellationToken.None);

        Assert.Single(delivered);
    }

    [Fact]
    public async Task DrainAsync_ASinkStillRetryingOneRelease_HoldsBackThatReleaseOnly()
    {
        using var outbox = new DurableNotificationOutbox(_store, _time);
        await outbox.EnqueueAsync([N("rel-1", 3), N("rel-1", 4), N("rel-2", 1)], CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = new ConcurrentQueue<string>();
        var rel2Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var drain = outbox.DrainAsync(async (n, ct) =>
        {
            if (n.Id == "000003-swapped") await release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            delivered.Enqueue($"{n.ReleaseId}/{n.Id}");
            if (n.ReleaseId == "rel-2") rel2Done.SetResult();
            return new DispatchResult(n, [], []);
        }, CancellationToken.None);

        await rel2Done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["rel-2/000001-swapped"], delivered);
        release.SetResult();
        await drain;
        Assert.Equal(["rel-2/000001-swapped", "rel-1/000003-swapped", "rel-1/000004-swapped"], delivered);
    }

    [Fact]
    public async Task DrainAsync_TwoDrainsAtOnce_NeverDeliverANotificationTwice()
    {
        using var first = new DurableNotificationOutbox(_store, _time);
        using var second = new DurableNotificationOutbox(_store, _time);
        var notifications = Enumerable.Range(0, 20).SelectMany(r => Enumerable.Range(1, 5).Select(v => N($"rel-{r}", v))).ToList();
        await first.EnqueueAsync(notifications, CancellationToken.None);
        var delivered = new ConcurrentQueue<string>();

        async Task<DispatchResult> Slow(Notification n, CancellationToken ct)
        {
            await Task.Yield();
            delivered.Enqueue($"{n.ReleaseId}/{n.Id}");
            return new DispatchResult(n, [], []);
        }

        await Task.WhenAll(first.DrainAsync(Slow, CancellationToken.None), second.DrainAsync(Slow, CancellationToken.None));
        await first.DrainAsync(Slow, CancellationToken.None); // what a drain left to the other (it saw the lease) is taken now

        Assert.Equal(notifications.Count, delivered.Count);
        Assert.Equal(notifications.Count, delivered.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, await PendingAsync());
    }

    [Fact]
    public async Task DrainAsync_StoppedMidDelivery_KeepsTheNotificationLeasedThenDeliversItAfterTheLease()
    {
        using var outbox = new DurableNotificationOutbox(_store, _time);
        await outbox.EnqueueAsync([N("rel-1", 3)], CancellationToken.None);
        using var stop = new CancellationTokenSource();

        var stopped = outbox.DrainAsync(async (n, ct) =>
        {
            await stop.CancelAsync();
            return new DispatchResult(n, [], ["cancelled"]);
        }, stop.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);

        var delivered = new ConcurrentQueue<string>();
        await outbox.DrainAsync(Recording(delivered), CancellationToken.None);
        Assert.Empty(delivered); // another drain holds the lease
        _time.Advance(DurableNotificationOutbox.Lease + TimeSpan.FromSeconds(1));
        await outbox.DrainAsync(Recording(delivered), CancellationToken.None);
        Assert.Equal(["rel-1/000003-swapped"], delivered);
        Assert.Equal(0, await PendingAsync());
    }

    [Fact]
    public async Task WaitForWorkAsync_SomethingHandedOver_WakesAtOnce()
    {
        using var outbox = new DurableNotificationOutbox(_store, _time);
        var waiting = outbox.WaitForWorkAsync(TimeSpan.FromHours(1), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await outbox.EnqueueAsync([N("rel-1", 3)], CancellationToken.None);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task EnqueueAsync_FactsAndLinks_SurviveTheStore()
    {
        using var outbox = new DurableNotificationOutbox(_store, _time);
        var n = N("rel-1", 3) with
        {
            Facts = [new NotificationFact("Version", "1.5.0")],
            Links = [new NotificationLink("Release", new Uri("https://dfb.contoso.test/api/releases/rel-1"))],
        };
        await outbox.EnqueueAsync([n], CancellationToken.None);
        Notification? read = null;

        await outbox.DrainAsync((x, _) =>
        {
            read = x;
            return Task.FromResult(new DispatchResult(x, ImmutableArray<DeliveryAttempt>.Empty, []));
        }, CancellationToken.None);

        Assert.Equal(n, read);
    }
}
