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
        var rng = new Random(Mix(seed, app, version, minute));
        var requests = expectedRequests <= 0 ? 0 : Poisson.Sample(rng, expectedRequests);
        var failures = requests == 0 ? 0 : Binomial.Sample(rng, Math.Clamp(behavior.ErrorRate, 0, 1), requests);
        var bounds = LatencyHistogram.StandardBoundsMs;
        var cumulative = ImmutableArray.CreateBuilder<long>(bounds.Length);
        var mu = Math.Log(behavior.LatencyMedianMs);
        long placed = 0;
        double below = 0;
        foreach (var bound in bounds)
        {
            var p = LogNormal.CDF(mu, behavior.LatencySigma, bound);
            var remaining = requests - placed;
            var conditional = below >= 1 ? 1 : Math.Clamp((p - below) / (1 - below), 0, 1);
            var inBucket = remaining <= 0 ? 0 : Binomial.Sample(rng, conditional, (int)Math.Min(remaining, int.MaxValue));
            placed += inBucket;
            below = p;
            cumulative.Add(placed);
        }

        return new TelemetryFrame(minute, version, requests, failures, new LatencyHistogram(bounds, cumulative.MoveToImmutable()));
    }

    private static int Mix(int seed, string app, string version, DateTimeOffset minute)
    {
        // A stable hash (string.GetHashCode is randomised per process).
        ulong h = 1469598103934665603UL ^ (ulong)seed;
        foreach (var c in app + "|" + version) h = (h ^ c) * 1099511628211UL;
        h = (h ^ (ulong)minute.ToUnixTimeSeconds()) * 1099511628211UL;
        return (int)(h ^ (h >> 32));
    }
}
