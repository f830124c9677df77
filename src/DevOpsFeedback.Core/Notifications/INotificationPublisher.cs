using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Where a host hands over what people must hear about: events just appended to a release's log, and incidents on an app
/// after its release. Handing over stores the notifications and never waits for delivery; it never fails the caller
/// because of notifications: a release goes on whatever the sinks (or the outbox's store) do.
/// </summary>
public interface INotificationPublisher
{
    /// <summary>Events just appended after <paramref name="expectedVersion"/>; <paramref name="after"/> is the release with them applied.</summary>
    Task PublishRecordedAsync(ReleaseState after, long expectedVersion, IReadOnlyList<ReleaseEvent> events, CancellationToken cancellationToken);

    /// <summary>An alert about <paramref name="app"/> outside a running release, and what was done about it.</summary>
    Task PublishIncidentAsync(AlertSignal alert, string app, string? releaseId, string handled, CancellationToken cancellationToken);
}
