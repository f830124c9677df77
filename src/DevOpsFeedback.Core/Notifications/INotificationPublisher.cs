using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Where a host hands over what people must hear about: events just appended to a release's log, and incidents on an app
/// after its release. Handing over never waits for delivery and never fails because of it: a release goes on whatever the sinks do.
/// </summary>
public interface INotificationPublisher
{
    /// <summary>Events just appended after <paramref name="expectedVersion"/>; <paramref name="after"/> is the release with them applied.</summary>
    void PublishRecorded(ReleaseState after, long expectedVersion, IReadOnlyList<ReleaseEvent> events);

    /// <summary>An alert about <paramref name="app"/> outside a running release, and what was done about it.</summary>
    void PublishIncident(AlertSignal alert, string app, string? releaseId, string handled);
}
