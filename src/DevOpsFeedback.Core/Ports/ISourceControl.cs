using System.Collections.Immutable;

namespace DevOpsFeedback.Ports;

/// <summary>Answers the hotfix-regression audit: does the candidate contain what production runs?</summary>
public interface ISourceControl
{
    Task<AncestryResult> ContainsAsync(string app, string productionCommit, string candidateCommit, CancellationToken cancellationToken);
}

/// <summary>
/// The answer of an ancestry check. <see cref="Contained"/> is null when the source could not be asked
/// (<see cref="Error"/> says why): that is never read as "contained".
/// </summary>
/// <param name="Status">The source's own word: "ahead", "identical", "behind", "diverged".</param>
/// <param name="MissingCommits">Commits production runs that the candidate lacks.</param>
/// <param name="CandidateCommittedAt">When the candidate commit was committed, if the source said (DORA lead time starts here).</param>
public sealed record AncestryResult(
    bool? Contained, string Status, ImmutableArray<string> MissingCommits, string? Error = null, DateTimeOffset? CandidateCommittedAt = null)
{
    public static AncestryResult Failed(string error) => new(null, "error", [], error);
}
