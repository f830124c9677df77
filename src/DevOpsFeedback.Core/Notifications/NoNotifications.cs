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

    public void PublishRecorded(ReleaseState after, long expectedVersion, IReadOnlyList<ReleaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(events);
    }

    public void PublishIncident(AlertSignal alert, string app, string? releaseId, string handled) => ArgumentNullException.ThrowIfNull(alert);
}
