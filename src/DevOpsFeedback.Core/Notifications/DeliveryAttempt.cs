namespace DevOpsFeedback.Notifications;

/// <summary>One attempt to deliver a notification to one sink; every attempt is recorded.</summary>
/// <param name="NotificationId">The notification's id (stable per event).</param>
/// <param name="Kind">The notification's kind.</param>
/// <param name="App">The app.</param>
/// <param name="ReleaseId">The release, or null for an app-level notification.</param>
/// <param name="Sink">The sink's configured name (never its URL).</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="At">When the attempt started.</param>
/// <param name="StatusCode">The HTTP status, when an answer came.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Succeeded">Whether the receiver accepted it.</param>
/// <param name="NextAttemptAt">When the next attempt is due; null when this attempt was the last.</param>
public sealed record DeliveryAttempt(
    string NotificationId,
    NotificationKind Kind,
    string App,
    string? ReleaseId,
    string Sink,
    int Attempt,
    DateTimeOffset At,
    int? StatusCode,
    string? Error,
    bool Succeeded,
    DateTimeOffset? NextAttemptAt)
{
    /// <summary>The last attempt failed and no other follows.</summary>
    public bool GaveUp => !Succeeded && NextAttemptAt is null;
}
