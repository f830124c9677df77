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

    public bool Equals(LatencyHistogram? other) =>
        other is not null && BoundsMs.SequenceEqual(other.BoundsMs) && Cumulative.SequenceEqual(other.Cumulative);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in Cumulative) hash.Add(c);
        return hash.ToHashCode();
    }
}
