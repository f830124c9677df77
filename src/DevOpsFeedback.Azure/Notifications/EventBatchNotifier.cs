using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// The Durable host's notifications: after the <c>AppendEvents</c> activity has appended a batch, maps that batch's events to
/// notifications (with the release exactly as it stood before and after each, from the log) and stores them in the
/// <see cref="DurableNotificationOutbox"/>, from the activity so the orchestrator stays deterministic. Delivery happens in the
/// outbox's drain, so a sink that is down never holds the release up. It never throws into the release: a log that cannot
/// be read or an outbox that cannot be written is logged with its cause.
/// </summary>
public sealed partial class EventBatchNotifier(IReleaseStore store, DurableNotificationOutbox outbox, NotificationOptions options, ILogger<EventBatchNotifier> logger)
{
    /// <summary>Stores the batch's notifications for delivery; returns how many.</summary>
    public async Task<int> EnqueueAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!options.IsEnabled || batch.Events.IsDefaultOrEmpty) return 0;
        try
        {
            var log = await store.ReadAsync(batch.ReleaseId, cancellationToken);
            var before = ReleaseDecider.Fold(log.Events.Where(e => e.Version <= batch.ExpectedVersion).Select(ReleaseJson.FromEnvelope));
            var notifications = ReleaseNotifications.FromBatch(before, batch.Events, options.BaseUrl!);
            await outbox.EnqueueAsync(notifications, cancellationToken);
            return notifications.Length;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The events are stored; failing the activity now would only repeat the append. The loss is logged with its cause.
            LogNotQueued(logger, ex, batch.ReleaseId, batch.ExpectedVersion);
            return 0;
        }
    }

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "notifications of release {ReleaseId} after version {Version} could not be queued")]
    private static partial void LogNotQueued(ILogger logger, Exception ex, string releaseId, long version);
}
