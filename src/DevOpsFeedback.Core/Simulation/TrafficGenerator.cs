using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using MathNet.Numerics.Distributions;

namespace DevOpsFeedback.Simulation;

/// <summary>
/// Seeded per-minute telemetry for a version: Poisson request counts, binomial failures and a log-normal latency
/// histogram over the standard buckets. A frame depends only on (seed, app, version, minute), so any query of any
/// window gives the same numbers, whatever was asked before.
/// </summary>
public static class TrafficGenerator
{
    public static TelemetryFrame Frame(int seed, string app, string version, DateTimeOffset minute, double expectedRequests, VersionBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        var rng = new SplitMix64(Mix(seed, app, version, minute));
        var requests = expectedRequests <= 0 ? 0 : FastSampler.Poisson(ref rng, expectedRequests);
        var failures = requests == 0 ? 0 : FastSampler.Binomial(ref rng, Math.Clamp(behavior.ErrorRate, 0, 1), requests);
        var bounds = LatencyHistogram.StandardBoundsMs;
        var cumulative = ImmutableArray.CreateBuilder<long>(bounds.Length);
        var conditionals = Conditionals.GetOrAdd((behavior.LatencyMedianMs, behavior.LatencySigma), Bucketise);
        long placed = 0;
        foreach (var conditional in conditionals)
        {
            var remaining = requests - placed;
            placed += remaining <= 0 ? 0 : FastSampler.Binomial(ref rng, conditional, (int)Math.Min(remaining, int.MaxValue));
            cumulative.Add(placed);
        }

        return new TelemetryFrame(minute, version, requests, failures, new LatencyHistogram(bounds, cumulative.MoveToImmutable()));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Median, double Sigma), double[]> Conditionals = new();

    /// <summary>P(in bucket i | slower than bucket i−1) for a log-normal latency: the chain of binomials that fills the histogram.</summary>
    private static double[] Bucketise((double Median, double Sigma) shape)
    {
        var mu = Math.Log(shape.Median);
        var result = new double[LatencyHistogram.StandardBoundsMs.Length];
        double below = 0;
        for (var i = 0; i < result.Length; i++)
        {
            var p = LogNormal.CDF(mu, shape.Sigma, LatencyHistogram.StandardBoundsMs[i]);
            result[i] = below >= 1 ? 1 : Math.Clamp((p - below) / (1 - below), 0, 1);
            below = p;
        }

        return result;
    }

    private static ulong Mix(int seed, string app, string version, DateTimeOffset minute)
    {
        // A stable FNV-1a hash (string.GetHashCode is randomised per process); SplitMix64 mixes it further.
        ulong h = 1469598103934665603UL ^ (ulong)seed;
        foreach (var c in app) h = (h ^ c) * 1099511628211UL;
        h = (h ^ '|') * 1099511628211UL;
        foreach (var c in version) h = (h ^ c) * 1099511628211UL;
        return (h ^ (ulong)minute.ToUnixTimeSeconds()) * 1099511628211UL;
    }
}
