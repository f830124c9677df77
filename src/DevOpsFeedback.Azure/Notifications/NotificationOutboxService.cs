using DevOpsFeedback.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// Runs the <see cref="NotificationOutbox"/> for the host's lifetime and logs each notification that did not reach a sink.
/// With no sink configured nothing is queued and it idles. On stop, attempts in flight are cancelled (and recorded as such).
/// </summary>
public sealed partial class NotificationOutboxService(NotificationOutbox outbox, NotificationOptions options, ILogger<NotificationOutboxService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsEnabled) return;
        outbox.Dispatched += Report;
        try
        {
            await outbox.RunAsync(stoppingToken);
        }
        finally
        {
            outbox.Dispatched -= Report;
            if (outbox.Dropped > 0) LogDropped(logger, outbox.Dropped);
        }
    }

    private void Report(DispatchResult result)
    {
        var n = result.Notification;
        foreach (var sink in result.FailedSinks)
        {
            var last = result.Attempts.Last(a => a.Sink == sink);
            LogUndelivered(logger, n.Id, NotificationKinds.Name(n.Kind), n.ReleaseId ?? n.App, sink, last.Attempt, last.Error ?? "");
        }

        foreach (var problem in result.Problems) LogProblem(logger, n.Id, problem);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "notification {Id} ({Kind}) about {Subject} did not reach {Sink} after {Attempts} attempt(s): {Error}")]
    private static partial void LogUndelivered(ILogger logger, string id, string kind, string subject, string sink, int attempts, string error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "notification {Id}: {Problem}")]
    private static partial void LogProblem(ILogger logger, string id, string problem);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "{Count} notification(s) were dropped because the outbox was full or closed")]
    private static partial void LogDropped(ILogger logger, long count);
}
