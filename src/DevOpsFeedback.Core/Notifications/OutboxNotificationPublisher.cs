using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Maps events and incidents to notifications (<see cref="ReleaseNotifications"/>) and queues them on the
/// <see cref="NotificationOutbox"/>, whose background run delivers them. Queuing never blocks; a full queue is counted
/// in <see cref="NotificationOutbox.Dropped"/>.
/// </summary>
public sealed class OutboxNotificationPublisher : INotificationPublisher
{
    private readonly NotificationOutbox _outbox;
    private readonly string _baseUrl;

    /// <param name="baseUrl">The public address of the API for links (<see cref="NotificationOptions.BaseUrl"/>).</param>
    /// <exception cref="ArgumentException">The base URL is not an absolute http(s) URL.</exception>
    public OutboxNotificationPublisher(NotificationOutbox outbox, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        _ = ReleaseNotifications.ParseBaseUrl(baseUrl);
        _outbox = outbox;
        _baseUrl = baseUrl;
    }

    public void PublishRecorded(ReleaseState after, long expectedVersion, IReadOnlyList<ReleaseEvent> events) =>
        _outbox.Enqueue(ReleaseNotifications.FromRecorded(after, expectedVersion, events, _baseUrl));

    public void PublishIncident(AlertSignal alert, string app, string? releaseId, string handled) =>
        _outbox.Enqueue(ReleaseNotifications.ForIncident(alert, app, releaseId, handled, _baseUrl));
}
