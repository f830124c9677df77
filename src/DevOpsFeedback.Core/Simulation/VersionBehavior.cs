namespace DevOpsFeedback.Simulation;

/// <summary>How a version behaves under simulated traffic.</summary>
/// <param name="ErrorRate">Probability that a request fails.</param>
/// <param name="LatencyMedianMs">Median request duration (log-normal).</param>
/// <param name="LatencySigma">Log-normal shape: spread of durations.</param>
/// <param name="Healthy">Whether its health endpoint answers 200 (smoke test).</param>
public sealed record VersionBehavior(double ErrorRate, double LatencyMedianMs, double LatencySigma = 0.6, bool Healthy = true)
{
    public static readonly VersionBehavior Good = new(0.002, 80);
}
