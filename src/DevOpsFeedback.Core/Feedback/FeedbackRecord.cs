namespace DevOpsFeedback.Feedback;

/// <summary>
/// Stored feedback: text already masked, user only as a salted hash, version resolved when the sender left it out
/// (<see cref="VersionInferred"/> says so; null when no production version was known at <see cref="ReceivedAt"/>).
/// </summary>
public sealed record FeedbackRecord(
    string Id,
    string App,
    string? Version,
    bool VersionInferred,
    int? Rating,
    FeedbackCategory Category,
    string Text,
    string? UserHash,
    string? Page,
    DateTimeOffset ReceivedAt);
