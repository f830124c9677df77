using System.Collections.Immutable;

namespace DevOpsFeedback.Feedback;

/// <summary>A validated <c>POST /api/retrospectives</c> body.</summary>
public sealed record RetrospectiveSubmission(
    string Team,
    string Iteration,
    ImmutableArray<string> ReleaseIds,
    ImmutableArray<RetrospectiveItem> Items)
{
    public bool Equals(RetrospectiveSubmission? other) =>
        other is not null && Team == other.Team && Iteration == other.Iteration &&
        ReleaseIds.SequenceEqual(other.ReleaseIds) && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Team, Iteration, Items.Length);
}
