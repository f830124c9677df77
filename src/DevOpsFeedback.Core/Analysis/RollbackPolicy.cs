namespace DevOpsFeedback.Analysis;

/// <summary>
/// How a bake is run and judged. JSON (camelCase) via <see cref="RollbackPolicyParser"/>; defaults in docs/judge.md.
/// </summary>
/// <param name="IntervalMinutes">Minutes between analyses.</param>
/// <param name="BakeMinutes">Length of the bake; the release is promoted when it ends healthy.</param>
/// <param name="FailureLimit">Failed analyses tolerated; one more rolls back (Argo's failureLimit).</param>
/// <param name="ConsecutiveErrorLimit">Analyses in a row that could not measure tolerated; one more holds the release.</param>
/// <param name="Judge">Statistics settings.</param>
/// <param name="TelemetryDelayMinutes">Minutes telemetry takes to arrive: each analysis runs this long after the period it judges ends.</param>
public sealed record RollbackPolicy(
    int IntervalMinutes = 1,
    int BakeMinutes = 60,
    int FailureLimit = 0,
    int ConsecutiveErrorLimit = 4,
    JudgePolicy? Judge = null,
    int TelemetryDelayMinutes = 0)
{
    public JudgePolicy Judge { get; init; } = Judge ?? new JudgePolicy();

    /// <summary>Analyses the bake plans: bake ÷ interval rounded up, at least 1 (as <see cref="Releases.BakePolicy.PlannedLooks"/>).</summary>
    public int PlannedLooks => Math.Max(1, (BakeMinutes + IntervalMinutes - 1) / IntervalMinutes);

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    public TimeSpan Bake => TimeSpan.FromMinutes(BakeMinutes);

    /// <summary>The decider's view of this policy (interval, duration, limits and telemetry delay).</summary>
    public Releases.BakePolicy ToBakePolicy() => new(Interval, Bake, FailureLimit, ConsecutiveErrorLimit, TimeSpan.FromMinutes(TelemetryDelayMinutes));
}
