namespace DevOpsFeedback.Feedback;

/// <summary>
/// One validated feedback item as received, before masking and hashing (see <see cref="FeedbackIntake"/>).
/// Never stored as is: <see cref="Text"/> may still hold PII and <see cref="UserRef"/> is in clear.
/// </summary>
public sealed record FeedbackSubmission(
    string App,
    string? Version,
    int? Rating,
    FeedbackCategory Category,
    string Text,
    string? UserRef,
    string? Page);
