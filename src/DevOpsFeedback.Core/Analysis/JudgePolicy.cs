namespace DevOpsFeedback.Analysis;

/// <summary>
/// Settings of <see cref="StatisticalJudge"/>. The defaults are documented in docs/judge.md and are what the benchmark measures.
/// </summary>
/// <param name="Significance">Overall one-sided false-alarm budget per metric across the whole bake (α).</param>
/// <param name="Spending">How α is spread over the planned looks.</param>
/// <param name="Consecutive">A metric fails only when it is significant in this many analyses in a row.</param>
/// <param name="BaselineMinutes">Blue-green: minutes of baseline history before the swap compared with the candidate.</param>
/// <param name="MinRequests">Minimum requests of each version before the error rate or traffic is judged.</param>
/// <param name="MinLatencySamples">Minimum latency samples of each version before latency is judged.</param>
/// <param name="ErrorRate">Error-rate metric on/off and its smallest meaningful effect.</param>
/// <param name="Latency">Latency metric on/off and its smallest meaningful effect.</param>
/// <param name="Traffic">Traffic-loss metric on/off and the smallest meaningful loss.</param>
/// <param name="Slo">Absolute limits (second guard).</param>
public sealed record JudgePolicy(
    double Significance = 0.005,
    Statistics.SpendingFunction Spending = Statistics.SpendingFunction.Pocock,
    int Consecutive = 2,
    int BaselineMinutes = 180,
    long MinRequests = 100,
    long MinLatencySamples = 100,
    ErrorRatePolicy? ErrorRate = null,
    LatencyPolicy? Latency = null,
    TrafficPolicy? Traffic = null,
    SloLimits? Slo = null)
{
    public ErrorRatePolicy ErrorRate { get; init; } = ErrorRate ?? new ErrorRatePolicy();

    public LatencyPolicy Latency { get; init; } = Latency ?? new LatencyPolicy();

    public TrafficPolicy Traffic { get; init; } = Traffic ?? new TrafficPolicy();

    public SloLimits Slo { get; init; } = Slo ?? new SloLimits();
}

/// <summary>Error rate: fail only when significantly worse and at least <paramref name="MinRatio"/>× and <paramref name="MinIncrease"/> higher.</summary>
public sealed record ErrorRatePolicy(bool Enabled = true, double MinRatio = 1.25, double MinIncrease = 0.0002);

/// <summary>Latency: fail only when significantly slower (rank test) and p50 or p95 grew by at least <paramref name="MinShift"/> (0.2 = +20%).</summary>
public sealed record LatencyPolicy(bool Enabled = true, double MinShift = 0.2);

/// <summary>Traffic loss: fail when the candidate serves significantly less than expected and at least <paramref name="MaxDrop"/> (0.3 = 30%) less.</summary>
public sealed record TrafficPolicy(bool Enabled = true, double MaxDrop = 0.3);
