using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Backtest;
using MathNet.Numerics.Distributions;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>
/// Generates releases with a fixed seed: 180 minutes of baseline history, then a 60-minute bake, per-minute
/// Poisson traffic, binomial failures and lognormal latency binned into the standard buckets. Kinds cycle in order;
/// half the releases are canaries (10/25/50%), 30% have a daily traffic peak during the bake (traffic up to ×2.5,
/// latency up to +10% on both versions). Regression kinds serve the candidate 200–3,000 requests/min; low traffic 5–20.
/// </summary>
public static class ReleaseGenerator
{
    public const int HistoryMinutes = 180;
    public const int BakeMinutes = 60;
    private static readonly DateTimeOffset Epoch = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReleaseKind[] Kinds = Enum.GetValues<ReleaseKind>();
    private static readonly double[] Shares = [10, 25, 50];

    public static ImmutableArray<GeneratedRelease> Generate(int count, int seed)
    {
        var releases = ImmutableArray.CreateBuilder<GeneratedRelease>(count);
        for (var i = 0; i < count; i++) releases.Add(One(i, Kinds[i % Kinds.Length], new Sampler(unchecked(seed * 1_000_003 + i))));
        return releases.MoveToImmutable();
    }

    private static GeneratedRelease One(int id, ReleaseKind kind, Sampler s)
    {
        var canary = s.Chance(0.5);
        var share = canary ? Shares[(int)s.Uniform(0, Shares.Length)] : 100;
        var total = kind == ReleaseKind.LowTraffic ? s.Uniform(5, 20) : s.LogUniform(200, 3000) * 100 / share;
        var baseRate = s.Uniform(0.001, 0.006);
        var median = s.LogUniform(30, 400);
        var sigma = s.Uniform(0.35, 0.8);
        var hasPeak = s.Chance(0.3);
        var start = Epoch.AddHours(id);
        var peakAt = s.Uniform(10, 50);
        var tail = kind switch
        {
            ReleaseKind.P95Plus30 => 0.3 / Math.Pow(0.95, 4),
            ReleaseKind.P95Plus100 => 1.0 / Math.Pow(0.95, 4),
            _ => 0,
        };
        var noisy = kind == ReleaseKind.HealthyNoisy;
        var baseline = $"1.0.{id}";
        var candidate = $"1.1.{id}";
        var frames = ImmutableArray.CreateBuilder<TelemetryFrame>();
        var truth = ImmutableArray.CreateBuilder<MinuteTruth>(BakeMinutes);
        var bounds = LatencyHistogram.StandardBoundsMs;
        for (var minute = -HistoryMinutes; minute < BakeMinutes; minute++)
        {
            var at = start.AddMinutes(minute);
            var traffic = hasPeak ? 1 + 1.5 * Math.Exp(-Math.Pow((minute - peakAt) / 20, 2)) : 1;
            var slowdown = 1 + 0.1 * (traffic - 1) / 1.5;
            var burst = noisy && s.Chance(0.04) ? s.Uniform(5, 20) : 1;
            var healthyRate = Math.Min(1, baseRate * burst);
            var healthyCdf = Cdf(bounds, median / 1, sigma, slowdown, 0);
            if (minute < 0)
            {
                AddFrame(frames, s, at, baseline, total * traffic, healthyRate, healthyCdf);
                continue;
            }

            var multiplier = kind switch
            {
                ReleaseKind.ErrorRateX1Point5 => 1.5,
                ReleaseKind.ErrorRateX2 => 2,
                ReleaseKind.ErrorRateX5 => 5,
                ReleaseKind.SlowBurn => 1 + 3 * Math.Min(1, (minute + 1) / 30.0),
                _ => 1,
            };
            var candidateRpm = total * traffic * share / 100;
            if (share < 100) AddFrame(frames, s, at, baseline, total * traffic * (100 - share) / 100, healthyRate, healthyCdf);
            AddFrame(frames, s, at, candidate, candidateRpm * (kind == ReleaseKind.TrafficLoss ? 0.5 : 1), Math.Min(1, healthyRate * multiplier),
                tail > 0 ? Cdf(bounds, median, sigma, slowdown, tail) : healthyCdf);
            truth.Add(new MinuteTruth(candidateRpm, healthyRate, healthyCdf));
        }

        var release = new BacktestRelease($"bench-{id}", baseline, candidate, canary ? AnalysisMode.Canary : AnalysisMode.BlueGreen,
            canary ? null : start, canary ? [new CanaryStep(start, share)] : []);
        return new GeneratedRelease(id, kind, total * share / 100, hasPeak, release, frames.ToImmutable(), truth.MoveToImmutable());
    }

    private static void AddFrame(ImmutableArray<TelemetryFrame>.Builder frames, Sampler s, DateTimeOffset at, string version, double rpm, double errorRate, ImmutableArray<double> cdf)
    {
        var requests = s.Poisson(rpm);
        if (requests == 0) return;
        var failures = s.Binomial(requests, errorRate);
        var cumulative = new long[cdf.Length];
        long so = 0;
        double previous = 0;
        var remaining = requests;
        for (var i = 0; i < cdf.Length; i++)
        {
            var left = 1 - previous;
            var inBin = left <= 0 ? 0 : s.Binomial(remaining, Math.Clamp((cdf[i] - previous) / left, 0, 1));
            remaining -= inBin;
            so += inBin;
            cumulative[i] = so;
            previous = cdf[i];
        }

        frames.Add(new TelemetryFrame(at, version, requests, failures, new LatencyHistogram(LatencyHistogram.StandardBoundsMs, [.. cumulative])));
    }

    /// <summary>
    /// P(latency ≤ bound) for lognormal(median, σ) latencies scaled by <paramref name="slowdown"/>; with <paramref name="tail"/> &gt; 0,
    /// each request at quantile u is further slowed by (1 + tail·u⁴): a monotone tail regression (p95 × (1 + tail·0.95⁴), p50 barely moves).
    /// </summary>
    internal static ImmutableArray<double> Cdf(ImmutableArray<double> bounds, double median, double sigma, double slowdown, double tail)
    {
        var cdf = new double[bounds.Length];
        for (var i = 0; i < bounds.Length; i++)
        {
            var target = Math.Log(bounds[i] / slowdown / median);
            if (tail <= 0)
            {
                cdf[i] = Normal.CDF(0, 1, target / sigma);
                continue;
            }

            double low = -12, high = 12;
            for (var iteration = 0; iteration < 60; iteration++)
            {
                var z = (low + high) / 2;
                var value = sigma * z + Math.Log(1 + tail * Math.Pow(Normal.CDF(0, 1, z), 4));
                if (value < target) low = z;
                else high = z;
            }

            cdf[i] = Normal.CDF(0, 1, (low + high) / 2);
        }

        return [.. cdf];
    }
}
