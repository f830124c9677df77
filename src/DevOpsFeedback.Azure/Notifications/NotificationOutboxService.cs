using DevOpsFeedback.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// Drains the <see cref="DurableNotificationOutbox"/> for the host's lifetime: at once when this process hands something
/// over, else every <see cref="PollInterval"/> (for what another process, or this one before a restart, left waiting).
/// A pass that fails (the store is unreachable) is logged and tried again at the next poll. With no sink it idles.
/// On stop, attempts in flight are cancelled (and recorded as such); what they carried stays in the outbox.
/// </summary>
public sealed partial class NotificationOutboxService(NotificationDrain drain, DurableNotificationOutbox outbox, NotificationOptions options, ILogger<NotificationOutboxService> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await drain.RunOnceAsync(stoppingToken);
                await outbox.WaitForWorkAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, ex, PollInterval.TotalSeconds);
                try
                {
                    await Task.Delay(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "the notification outbox could not be drained; trying again in {Seconds} s")]
    private static partial void LogPassFailed(ILogger logger, Exception ex, double seconds);
}
