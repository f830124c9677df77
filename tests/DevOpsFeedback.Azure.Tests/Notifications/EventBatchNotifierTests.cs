using System.Collections.Immutable;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevOpsFeedback.Azure.Notifications;

public sealed class EventBatchNotifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly InMemoryReleaseStore _store = new();
    private readonly InMemoryDocumentStore _documents = new();

    [Fact]
    public async Task EnqueueAsync_AppendedBatch_StoresItsNotificationsAndTheDrainDeliversThemWithVersionsFromTheLog()
    {
        await using var standIn = await WebhookStandIn.StartAsync(_ => new StandInAnswer(200));
        var requested = new ReleaseRequested(T0, Request(), ReleaseSettings.Default);
        await _store.AppendAsync("rel-1", "contoso-web", 0, ReleaseJson.ToEnvelopes(0, [requested]), "queued", CancellationToken.None);
        var batch = new EventBatch("rel-1", "contoso-web", 1, "blocked", [new ReleaseAdmitted(T0.AddMinutes(1)), new ReleaseBlocked(T0.AddMinutes(2), "staging runs 1.4.0")]);
        await EventBatch.AppendAsync(_store, batch, CancellationToken.None);
        var (notifier, drain) = Wire(standIn.Url("hooks/audit"));

        Assert.Equal(1, await notifier.EnqueueAsync(batch, CancellationToken.None));
        Assert.Empty(standIn.Requests); // stored, not delivered: the activity does not wait for sinks

        Assert.Equal(1, await drain.RunOnceAsync(CancellationToken.None));
        Assert.Equal("000003-blocked", Assert.Single(standIn.Requests).Headers["X-Dfb-Notification"]);
        var recorded = Assert.Single(await new DocumentDeliveryLog(_documents).ListAsync("rel-1", CancellationToken.None));
        Assert.True(recorded.Succeeded);
        Assert.Equal(0, await drain.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EnqueueAsync_SinkDown_ReturnsWithoutAttemptingAndTheDrainRetriesRecordsAndGivesUp()
    {
        await _store.AppendAsync("rel-1", "contoso-web", 0, ReleaseJson.ToEnvelopes(0, [new ReleaseRequested(T0, Request(), ReleaseSettings.Default)]), "queued", CancellationToken.None);
        var batch = new EventBatch("rel-1", "contoso-web", 1, "aborted", [new ReleaseAborted(T0.AddMinutes(1), "stopped")]);
        await EventBatch.AppendAsync(_store, batch, CancellationToken.None);
        var (notifier, drain) = Wire(WebhookStandIn.RefusingUrl());

        Assert.Equal(1, await notifier.EnqueueAsync(batch, CancellationToken.None));
        Assert.Empty(await new DocumentDeliveryLog(_documents).ListAsync("rel-1", CancellationToken.None));

        Assert.Equal(1, await drain.RunOnceAsync(CancellationToken.None));
        Assert.Equal([1, 2], (await new DocumentDeliveryLog(_documents).ListAsync("rel-1", CancellationToken.None)).Select(a => a.Attempt));
        Assert.Equal(0, await drain.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EnqueueAsync_NotificationsOff_StoresNothing()
    {
        var batch = new EventBatch("rel-1", "contoso-web", 1, "aborted", [new ReleaseAborted(T0, "stopped")]);
        using var outbox = new DurableNotificationOutbox(_documents, TimeProvider.System);
        var notifier = new EventBatchNotifier(_store, outbox, new NotificationOptions(), NullLogger<EventBatchNotifier>.Instance);

        Assert.Equal(0, await notifier.EnqueueAsync(batch, CancellationToken.None));
        await foreach (var _ in _documents.QueryAsync(DurableNotificationOutbox.Collection, null, null, null, CancellationToken.None)) Assert.Fail("nothing may be stored");
    }

    private (EventBatchNotifier Notifier, NotificationDrain Drain) Wire(Uri url)
    {
        var options = new NotificationOptions
        {
            BaseUrl = "https://dfb.contoso.test",
            Sinks = { ["audit"] = new NotificationSinkOptions { Type = "webhook", Url = url.AbsoluteUri, Kinds = ["*"] } },
            Delivery = { MaxAttempts = 2, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, AttemptTimeout = TimeSpan.FromSeconds(5) },
        };
        var dispatcher = new NotificationDispatcher(options, NotificationHttp.CreateSinks(options.Delivery), TimeProvider.System, new DocumentDeliveryLog(_documents));
        var outbox = new DurableNotificationOutbox(_documents, TimeProvider.System);
        return (new EventBatchNotifier(_store, outbox, options, NullLogger<EventBatchNotifier>.Instance),
            new NotificationDrain(outbox, dispatcher, options, NullLogger<NotificationDrain>.Instance));
    }

    private static ReleaseRequest Request() =>
        new("rel-1", "contoso-web", "1.5.0", "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b", ChangeType.Normal, DatabaseChange.None, "swap back", "pipeline", [], null, "default");
}
