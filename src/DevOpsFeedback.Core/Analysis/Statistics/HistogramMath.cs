namespace DevOpsFeedback.Analysis.Statistics;

/// <summary>Percentiles and bin counts from cumulative latency buckets.</summary>
public static class HistogramMath
{
    /// <summary>
    /// The q-quantile (0 &lt; q &lt; 1) interpolated inside its bucket on the log-probit scale: Φ⁻¹(F) is taken as linear in
    /// log(latency) between the bucket's bounds, which is exact for lognormal latency and follows a shift far better than a
    /// straight line across a wide bucket. The first bucket (from 0 ms) and buckets at the edge (F = 0 or 1) interpolate
    /// geometrically or linearly. Returns +∞ when the quantile lies beyond the last bound, NaN when there are no requests.
    /// </summary>
    public static double Percentile(ReadOnlySpan<double> boundsMs, ReadOnlySpan<double> binCounts, double q)
    {
        if (q is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(q), "must be in (0, 1)");
        double total = 0;
        foreach (var c in binCounts) total += c;
        if (total <= 0) return double.NaN;
        var target = q * total;
        double cumulative = 0;
        for (var i = 0; i < boundsMs.Length; i++)
        {
            var next = cumulative + binCounts[i];
            if (next >= target && binCounts[i] > 0)
            {
                var lower = i == 0 ? 0 : boundsMs[i - 1];
                var fraction = (target - cumulative) / binCounts[i];
                if (lower <= 0) return boundsMs[i] * fraction;
                var fLow = cumulative / total;
                var fHigh = next / total;
                if (fLow <= 0 || fHigh >= 1) return lower * Math.Pow(boundsMs[i] / lower, fraction);
                var zLow = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, fLow);
                var zHigh = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, fHigh);
                var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, q);
                return lower * Math.Pow(boundsMs[i] / lower, Math.Clamp((z - zLow) / (zHigh - zLow), 0, 1));
            }

            cumulative = next;
        }

        return double.PositiveInfinity;
    }

    /// <summary>Adds one cumulative histogram (bounds.Length values, then the total) into per-bin counts (bounds.Length + 1 bins, the last above the last bound).</summary>
    public static void AddCumulative(Span<double> bins, ReadOnlySpan<long> cumulative, long total)
    {
        long previous = 0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            bins[i] += cumulative[i] - previous;
            previous = cumulative[i];
        }

        bins[cumulative.Length] += total - previous;
    }
}
