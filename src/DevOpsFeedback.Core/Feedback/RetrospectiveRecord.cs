using System.Collections.Immutable;

namespace DevOpsFeedback.Feedback;

/// <summary>A stored retrospective.</summary>
public sealed record RetrospectiveRecord(
    string Id,
    string Team,
    string Iteration,
    ImmutableArray<string> ReleaseIds,
    ImmutableArray<RetrospectiveItem> Items,
    DateTimeOffset ReceivedAt)
{
    public static RetrospectiveRecord From(RetrospectiveSubmission submission, string id, DateTimeOffset receivedAt) =>
        new(id, submission.Team, submission.Iteration, submission.ReleaseIds, submission.Items, receivedAt);

    public bool Equals(RetrospectiveRecord? other) =>
        other is not null && Id == other.Id && Team == other.Team && Iteration == other.Iteration &&
        ReceivedAt == other.ReceivedAt && ReleaseIds.SequenceEqual(other.ReleaseIds) && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Id, Team, ReceivedAt);
}
