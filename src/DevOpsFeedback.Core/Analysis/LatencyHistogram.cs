using System.Collections.Immutable;

namespace DevOpsFeedback.Analysis;

/// <summary>
/// Cumulative latency histogram: <c>Cumulative[i]</c> requests took at most <c>BoundsMs[i]</c> milliseconds.
/// Requests slower than the last bound are <c>total − Cumulative[^1]</c>.
/// </summary>
public sealed record LatencyHistogram(ImmutableArray<double> BoundsMs, ImmutableArray<long> Cumulative)
{
    /// <summary>The buckets of the backtest CSV and of the Log Analytics query.</summary>
    public static readonly ImmutableArray<double> StandardBoundsMs = [25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    /// <summary>
    /// The latency at quantile <paramref name="q"/> (0–1) by linear interpolation inside the bucket that holds it.
    /// Beyond the last bound it answers the last bound (a lower limit: the histogram does not know more).
    /// </summary>
    public double Percentile(double q, long total)
    {
        if (total <= 0 || Cumulative.IsEmpty) return double.NaN;
        var target = q * total;
        double lowerBound = 0, lowerCount = 0;
        for (var i = 0; i < BoundsMs.Length; i++)
        {
            if (Cumulative[i] >= target)
            {
                var inBucket = Cumulative[i] - lowerCount;
                var fraction = inBucket <= 0 ? 1 : (target - lowerCount) / inBucket;
                return lowerBound + (fraction * (BoundsMs[i] - lowerBound));
            }

            lowerBound = BoundsMs[i];
            lowerCount = Cumulative[i];
        }

        return BoundsMs[^1];
    }

    /// <summary>Adds histograms with the same bounds (nulls skipped); null when there is none.</summary>
    public static LatencyHistogram? Sum(IEnumerable<LatencyHistogram?> histograms)
    {
        long[]? sums = null;
        ImmutableArray<double> bounds = default;
        foreach (var h in histograms)
        {
            if (h is null) continue;
            if (sums is null)
            {
                sums = new long[h.Cumulative.Length];
                bounds = h.BoundsMs;
            }
            else if (!h.BoundsMs.SequenceEqual(bounds))
            {
                throw new ArgumentException("histograms with different bounds cannot be added", nameof(histograms));
            }

            for (var i = 0; i < sums.Length; i++) sums[i] += h.Cumulative[i];
        }

        if (sums is null) return null;
        return new LatencyHistogram(bounds, [.. sums]);
    }

    public bool Equals(LatencyHistogram? other) =>
        other is not null && BoundsMs.SequenceEqual(other.BoundsMs) && Cumulative.SequenceEqual(other.Cumulative);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in Cumulative) hash.Add(c);
        return hash.ToHashCode();
    }
}
