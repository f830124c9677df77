using System.Collections.Immutable;

namespace DevOpsFeedback.Releases;

/// <summary>A pipeline's request to release a candidate that it has deployed to the staging slot.</summary>
public sealed record ReleaseRequest(
    string ReleaseId,
    string App,
    string CandidateVersion,
    string CandidateCommit,
    ChangeType ChangeType,
    DatabaseChange DatabaseChange,
    string? RollbackPlan,
    string RequestedBy,
    ImmutableArray<string> WorkItems,
    CanaryPlan? Canary,
    string Policy)
{
    /// <summary>Whether a person other than the requester must approve before the release changes production.</summary>
    public bool NeedsApproval => ChangeType != ChangeType.Standard || DatabaseChange == DatabaseChange.Breaking;

    /// <summary>A breaking database change cannot be undone by swapping back.</summary>
    public bool AllowsAutomaticSwapBack => DatabaseChange != DatabaseChange.Breaking;

    public bool Equals(ReleaseRequest? other) =>
        other is not null && ReleaseId == other.ReleaseId && App == other.App && CandidateVersion == other.CandidateVersion &&
        CandidateCommit == other.CandidateCommit && ChangeType == other.ChangeType && DatabaseChange == other.DatabaseChange &&
        RollbackPlan == other.RollbackPlan && RequestedBy == other.RequestedBy && WorkItems.SequenceEqual(other.WorkItems) &&
        Equals(Canary, other.Canary) && Policy == other.Policy;

    public override int GetHashCode() => HashCode.Combine(ReleaseId, App, CandidateVersion, CandidateCommit);
}
