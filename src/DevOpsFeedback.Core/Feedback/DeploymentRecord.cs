namespace DevOpsFeedback.Feedback;

/// <summary>
/// One release that reached production, as DORA and release linkage read it. The lead's mapping from the release
/// log: a release counts only once its slots were swapped (releases blocked or rejected before production are
/// not deployments).
/// </summary>
/// <param name="App">The app (an id).</param>
/// <param name="ReleaseId">The release id (an id).</param>
/// <param name="Version">The candidate version that went to production.</param>
/// <param name="CommitAt">Commit time of the candidate commit (lead time starts here).</param>
/// <param name="DeployedAt">When production started serving it (the swap).</param>
/// <param name="Outcome">Kept, rolled back, or failed in production.</param>
/// <param name="RestoredAt">When service was restored after a failure (swap back, or the fix); null while not restored.</param>
/// <param name="Reason">The verdict's reason for a rollback or failure (shown on the fix-forward item).</param>
public sealed record DeploymentRecord(
    string App,
    string ReleaseId,
    string Version,
    DateTimeOffset CommitAt,
    DateTimeOffset DeployedAt,
    DeploymentOutcome Outcome,
    DateTimeOffset? RestoredAt = null,
    string? Reason = null)
{
    public bool IsChangeFailure => Outcome is DeploymentOutcome.RolledBack or DeploymentOutcome.Failed;
}
