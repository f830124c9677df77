namespace DevOpsFeedback.Notifications;

/// <summary>
/// Delivers notifications to one kind of receiver (<see cref="Type"/>: webhook, teams, slack), at the endpoint given per call.
/// One attempt per call, no retries (the dispatcher retries). Delivery failures come back as a failed
/// <see cref="SinkResponse"/>, not as exceptions; only cancellation by the caller throws.
/// </summary>
public interface INotificationSink
{
    string Type { get; }

    Task<SinkResponse> SendAsync(SinkEndpoint endpoint, Notification notification, CancellationToken cancellationToken);
}
