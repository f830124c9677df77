namespace DevOpsFeedback.Analysis;

/// <summary>One version's telemetry summed over a window: counts, per-minute series and binned latency.</summary>
internal sealed class WindowStats(int minutes, int latencyBins)
{
    public int Minutes { get; } = minutes;

    public long Requests { get; private set; }

    public long Failures { get; private set; }

    /// <summary>Requests of the minutes that came with a histogram.</summary>
    public long LatencySamples { get; private set; }

    public long[] RequestsPerMinute { get; } = new long[minutes];

    public long[] FailuresPerMinute { get; } = new long[minutes];

    /// <summary>Latency bin counts (one per bound, then one above the last bound).</summary>
    public double[] LatencyBins { get; } = new double[latencyBins];

    public void Add(int minute, TelemetryFrame frame)
    {
        Requests += frame.Requests;
        Failures += frame.Failures;
        RequestsPerMinute[minute] += frame.Requests;
        FailuresPerMinute[minute] += frame.Failures;
        if (frame.Latency is { } latency && latency.Cumulative.Length + 1 == LatencyBins.Length)
        {
            LatencySamples += frame.Requests;
            Statistics.HistogramMath.AddCumulative(LatencyBins, latency.Cumulative.AsSpan(), frame.Requests);
        }
    }

    /// <summary>Requests in the last <paramref name="count"/> minutes of the window.</summary>
    public long RequestsInLast(int count)
    {
        long sum = 0;
        for (var i = Math.Max(0, Minutes - count); i < Minutes; i++) sum += RequestsPerMinute[i];
        return sum;
    }
}
