using System.Collections.Immutable;

namespace DevOpsFeedback.Analysis;

/// <summary>Builds deterministic telemetry for judge tests.</summary>
internal static class Frames
{
    public static readonly DateTimeOffset Swap = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Per-minute frames of one version over [from, from + minutes); failures spread evenly (Bresenham).</summary>
    public static IEnumerable<TelemetryFrame> Minutes(string version, DateTimeOffset from, int minutes, long requests, double errorRate, double[]? latencyShares = null)
    {
        double carry = 0;
        for (var m = 0; m < minutes; m++)
        {
            carry += requests * errorRate;
            var failures = (long)Math.Floor(carry + 1e-9);
            carry -= failures;
            yield return new TelemetryFrame(from.AddMinutes(m), version, requests, failures, latencyShares is null ? null : Histogram(requests, latencyShares));
        }
    }

    /// <summary>A cumulative histogram over the standard bounds from shares per bin (10 bins, the last above 10 s).</summary>
    public static LatencyHistogram Histogram(long requests, double[] shares)
    {
        var cumulative = new long[LatencyHistogram.StandardBoundsMs.Length];
        double sum = 0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            sum += shares[i];
            cumulative[i] = Math.Min(requests, (long)Math.Round(requests * sum));
        }

        return new LatencyHistogram(LatencyHistogram.StandardBoundsMs, [.. cumulative]);
    }

    public static readonly double[] Fast = [0.1, 0.3, 0.3, 0.2, 0.05, 0.03, 0.01, 0.01, 0, 0];
    public static readonly double[] Slow = [0.02, 0.08, 0.2, 0.3, 0.2, 0.1, 0.06, 0.03, 0.01, 0];

    public static AnalysisRequest BlueGreen(IEnumerable<TelemetryFrame> frames, int look, int plannedLooks = 60) =>
        new(AnalysisMode.BlueGreen, "1.0", "2.0", Swap, Swap.AddMinutes(look), look, plannedLooks, 100, [.. frames]);

    public static AnalysisRequest Canary(IEnumerable<TelemetryFrame> frames, int look, double share, int plannedLooks = 60) =>
        new(AnalysisMode.Canary, "1.0", "2.0", Swap, Swap.AddMinutes(look), look, plannedLooks, share, [.. frames]);

    public static ImmutableArray<TelemetryFrame> BlueGreenRelease(long rpm, double baselineRate, double candidateRate, int minutes = 60, double[]? baselineLatency = null, double[]? candidateLatency = null) =>
        [.. Minutes("1.0", Swap.AddMinutes(-180), 180, rpm, baselineRate, baselineLatency), .. Minutes("2.0", Swap, minutes, rpm, candidateRate, candidateLatency)];
}
