namespace DevOpsFeedback.Feedback;

/// <summary>Everything one planning run reads, for the period [<see cref="Since"/>, <see cref="Now"/>).</summary>
/// <param name="Feedback">Stored feedback (any time; the run keeps the period).</param>
/// <param name="Deployments">Production deployments (the lead maps release logs into these).</param>
/// <param name="Incidents">Incidents (the lead maps alerts into these).</param>
/// <param name="Retrospectives">Retrospectives (actions are checked whatever their age).</param>
public sealed record PlanningInput(
    IReadOnlyList<FeedbackRecord> Feedback,
    IReadOnlyList<DeploymentRecord> Deployments,
    IReadOnlyList<IncidentRecord> Incidents,
    IReadOnlyList<RetrospectiveRecord> Retrospectives,
    DateTimeOffset Since,
    DateTimeOffset Now);
