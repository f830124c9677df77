using DevOpsFeedback.Analysis;
using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>Per-minute frames of one version in a window, as the comparators read them.</summary>
internal static class MinuteSeries
{
    public static List<TelemetryFrame> Of(AnalysisRequest r, string version, DateTimeOffset from, DateTimeOffset to) =>
        [.. r.Frames.Where(f => f.Version == version && f.Time >= from && f.Time < to).OrderBy(f => f.Time)];

    /// <summary>Baseline window: concurrent for canary, the hour before the swap for blue-green.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) BaselineWindow(AnalysisRequest r) =>
        r.Mode == AnalysisMode.Canary ? (r.StartedAt, r.Now) : (r.StartedAt.AddMinutes(-60), r.StartedAt);

    public static double ErrorRate(TelemetryFrame f) => f.Requests == 0 ? double.NaN : (double)f.Failures / f.Requests;

    public static double P95(IEnumerable<TelemetryFrame> frames)
    {
        double[]? bins = null;
        var bounds = LatencyHistogram.StandardBoundsMs;
        foreach (var f in frames)
        {
            if (f.Latency is not { } h) continue;
            bounds = h.BoundsMs;
            bins ??= new double[h.Cumulative.Length + 1];
            HistogramMath.AddCumulative(bins, h.Cumulative.AsSpan(), f.Requests);
        }

        return bins is null ? double.NaN : HistogramMath.Percentile(bounds.AsSpan(), bins, 0.95);
    }
}
