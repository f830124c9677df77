using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Maps events and incidents to notifications (<see cref="ReleaseNotifications"/>) and stores them in the
/// <see cref="DurableNotificationOutbox"/>, whose drain delivers them. When the outbox cannot be written, the cause goes to
/// <c>onFailure</c> (the host logs it) and the caller goes on: the release's own events are already stored.
/// </summary>
public sealed class OutboxNotificationPublisher : INotificationPublisher
{
    private readonly DurableNotificationOutbox _outbox;
    private readonly string _baseUrl;
    private readonly Action<Exception, IReadOnlyList<Notification>> _onFailure;

    /// <param name="outbox">Where notifications wait for delivery.</param>
    /// <param name="baseUrl">The public address of the API for links (<see cref="NotificationOptions.BaseUrl"/>).</param>
    /// <param name="onFailure">Told of each hand-over that could not be stored, with the notifications lost.</param>
    /// <exception cref="ArgumentException">The base URL is not an absolute http(s) URL.</exception>
    public OutboxNotificationPublisher(DurableNotificationOutbox outbox, string baseUrl, Action<Exception, IReadOnlyList<Notification>> onFailure)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(onFailure);
        _ = ReleaseNotifications.ParseBaseUrl(baseUrl);
        _outbox = outbox;
        _baseUrl = baseUrl;
        _onFailure = onFailure;
    }

    public Task PublishRecordedAsync(ReleaseState after, long expectedVersion, IReadOnlyList<ReleaseEvent> events, CancellationToken cancellationToken) =>
        StoreAsync(ReleaseNotifications.FromRecorded(after, expectedVersion, events, _baseUrl), cancellationToken);

    public Task PublishIncidentAsync(AlertSignal alert, string app, string? releaseId, string handled, CancellationToken cancellationToken) =>
        StoreAsync(ReleaseNotifications.ForIncident(alert, app, releaseId, handled, _baseUrl), cancellationToken);

    private async Task StoreAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0) return;
        try
        {
            await _outbox.EnqueueAsync(notifications, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _onFailure(ex, notifications);
        }
    }
}
