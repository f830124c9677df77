namespace DevOpsFeedback.Notifications;

/// <summary>Where delivery attempts are recorded (on the release).</summary>
public interface IDeliveryLog
{
    Task RecordAsync(DeliveryAttempt attempt, CancellationToken cancellationToken);
}
