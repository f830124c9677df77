namespace DevOpsFeedback.Releases;

/// <summary>
/// How the bake is run and how verdicts become decisions (Argo Rollouts' limits):
/// a rollback follows when failed analyses exceed <see cref="FailureLimit"/>; errors in a row beyond
/// <see cref="ConsecutiveErrorLimit"/> page a human (telemetry failure is never read as health).
/// <see cref="TelemetryDelay"/> is how long telemetry takes to arrive (Log Analytics ingests minutes late): the analysis of
/// the period up to t runs at t + delay, so the newest minutes are complete rather than read as lost traffic.
/// </summary>
public sealed record BakePolicy(TimeSpan Interval, TimeSpan Duration, int FailureLimit, int ConsecutiveErrorLimit, TimeSpan TelemetryDelay = default)
{
    public static readonly BakePolicy Default = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), 0, 3);

    /// <summary>Analyses in a bake of <see cref="Duration"/>.</summary>
    public int PlannedLooks => Math.Max(1, (int)Math.Ceiling(Duration / Interval));
}
