using System.Collections.Immutable;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// The Durable host's notifications: after the <c>AppendEvents</c> activity has appended a batch, delivers that batch's
/// notifications from the activity (so the orchestrator stays deterministic). Each event is mapped with the release exactly
/// as it stood before and after it (the log up to the batch, then the batch). It never throws into the release: a log that
/// cannot be read or a sink that is down is logged, and every attempt is recorded on the release by the dispatcher.
/// </summary>
public sealed partial class EventBatchNotifier(IReleaseStore store, NotificationDispatcher dispatcher, NotificationOptions options, ILogger<EventBatchNotifier> logger)
{
    public async Task<ImmutableArray<DispatchResult>> DispatchAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!options.IsEnabled || batch.Events.IsDefaultOrEmpty) return [];
        ImmutableArray<Notification> notifications;
        try
        {
            var log = await store.ReadAsync(batch.ReleaseId, cancellationToken);
            var before = ReleaseDecider.Fold(log.Events.Where(e => e.Version <= batch.ExpectedVersion).Select(ReleaseJson.FromEnvelope));
            notifications = ReleaseNotifications.FromBatch(before, batch.Events, options.BaseUrl!);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The events are stored; failing the activity now would only repeat the append. The loss is logged with its cause.
            LogNotMapped(logger, ex, batch.ReleaseId, batch.ExpectedVersion);
            return [];
        }

        var results = await dispatcher.DispatchAllAsync(notifications, cancellationToken);
        foreach (var result in results)
        {
            foreach (var sink in result.FailedSinks) LogUndelivered(logger, result.Notification.Id, batch.ReleaseId, sink);
        }

        return results;
    }

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "notifications of release {ReleaseId} after version {Version} could not be prepared")]
    private static partial void LogNotMapped(ILogger logger, Exception ex, string releaseId, long version);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "notification {Id} of release {ReleaseId} did not reach {Sink}")]
    private static partial void LogUndelivered(ILogger logger, string id, string releaseId, string sink);
}
