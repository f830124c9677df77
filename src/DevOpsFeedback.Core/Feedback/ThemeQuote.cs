namespace DevOpsFeedback.Feedback;

/// <summary>An example of a theme: one feedback item's (masked) text.</summary>
public sealed record ThemeQuote(string FeedbackId, string? Version, FeedbackCategory Category, string Text, DateTimeOffset ReceivedAt);
