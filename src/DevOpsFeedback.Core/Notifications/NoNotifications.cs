using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Notifications;

/// <summary>The publisher when no sink is configured: notifications are off.</summary>
public sealed class NoNotifications : INotificationPublisher
{
    public static NoNotifications Instance { get; } = new();

    private NoNotifications()
    {
    }

    public Task PublishRecordedAsync(ReleaseState after, long expectedVersion, IReadOnlyList<ReleaseEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(events);
        return Task.CompletedTask;
    }

    public Task PublishIncidentAsync(AlertSignal alert, string app, string? releaseId, string handled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Task.CompletedTask;
    }
}
