namespace DevOpsFeedback.Feedback;

/// <summary>
/// A production incident, as DORA and post-incident review items read it. The lead's mapping from the alert
/// webhook: one incident per fired alert (de-duplicated by <c>AlertSignal.DedupKey</c>), resolved when the
/// matching "Resolved" alert arrives. Cost alerts (no monitor condition) are not incidents.
/// </summary>
/// <param name="App">The app the alert targets (an id).</param>
/// <param name="IncidentId">A stable id, e.g. a hash of the alert's de-duplication key (an id).</param>
/// <param name="Severity">"Sev0" (critical) … "Sev4" (verbose).</param>
/// <param name="Title">The alert rule or a one-line summary.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it resolved; null while open.</param>
/// <param name="ReleaseId">The release it interrupted, when known.</param>
public sealed record IncidentRecord(
    string App,
    string IncidentId,
    string Severity,
    string Title,
    DateTimeOffset FiredAt,
    DateTimeOffset? ResolvedAt = null,
    string? ReleaseId = null);
