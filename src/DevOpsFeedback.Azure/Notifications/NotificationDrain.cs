using DevOpsFeedback.Notifications;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// One pass over the <see cref="DurableNotificationOutbox"/>: delivers what is waiting through the dispatcher (which records
/// every attempt on the release) and logs each notification that did not reach a sink. Run by the hosts' background loop
/// (<see cref="NotificationOutboxService"/>) and, in the Functions app, by a timer as well; drains share the work by leases.
/// </summary>
public sealed partial class NotificationDrain(DurableNotificationOutbox outbox, NotificationDispatcher dispatcher, NotificationOptions options, ILogger<NotificationDrain> logger)
{
    /// <summary>Delivers what is waiting; returns how many notifications this pass finished with.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!options.IsEnabled) return 0;
        var results = await outbox.DrainAsync(dispatcher.DispatchAsync, cancellationToken);
        foreach (var result in results)
        {
            var n = result.Notification;
            foreach (var sink in result.FailedSinks)
            {
                var last = result.Attempts.Last(a => a.Sink == sink);
                LogUndelivered(logger, n.Id, NotificationKinds.Name(n.Kind), n.ReleaseId ?? n.App, sink, last.Attempt, last.Error ?? "");
            }

            foreach (var problem in result.Problems) LogProblem(logger, n.Id, problem);
        }

        return results.Count;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "notification {Id} ({Kind}) about {Subject} did not reach {Sink} after {Attempts} attempt(s): {Error}")]
    private static partial void LogUndelivered(ILogger logger, string id, string kind, string subject, string sink, int attempts, string error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "notification {Id}: {Problem}")]
    private static partial void LogProblem(ILogger logger, string id, string problem);
}
