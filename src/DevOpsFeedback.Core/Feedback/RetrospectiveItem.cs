namespace DevOpsFeedback.Feedback;

/// <summary>One retrospective entry. <see cref="Owner"/> and <see cref="DueDate"/> are set on actions only.</summary>
/// <param name="CompletedOn">When an action was done (null while open); never set by the request.</param>
public sealed record RetrospectiveItem(
    RetrospectiveItemKind Kind,
    string Text,
    int Votes,
    string? Owner,
    DateOnly? DueDate,
    DateOnly? CompletedOn = null);
