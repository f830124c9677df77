using System.Collections.Concurrent;
using System.Collections.Immutable;
using MathNet.Numerics.Distributions;

namespace DevOpsFeedback.Analysis.Statistics;

/// <summary>
/// Exact one-sided group-sequential boundaries for equally spaced looks (Lan-DeMets alpha spending): the z boundary
/// c_k of look k is such that P(Z₁ &lt; c₁, …, Z_{k−1} &lt; c_{k−1}, Z_k ≥ c_k) = α(k/K) − α((k−1)/K) under H0,
/// computed by the Armitage-McPherson-Rowe recursion (numerical integration of the score process on a grid).
/// Unlike the union bound this accounts for the correlation of looks at accumulating data, so it spends exactly α.
/// Results are memoised per (function, α, K): the computation is pure.
/// </summary>
public static class GroupSequentialBoundary
{
    /// <summary>Above this many looks the recursion gets slow; callers fall back to the (conservative) union bound.</summary>
    public const int MaxExactLooks = 200;

    private const double Step = 0.05;
    private const double KernelHalfWidth = 8.5;
    private static readonly ConcurrentDictionary<(SpendingFunction, double, int), ImmutableArray<double>> Cache = new();

    /// <summary>The z boundaries c₁..c_K.</summary>
    public static ImmutableArray<double> ZBoundaries(SpendingFunction function, double alpha, int looks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(looks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(looks, MaxExactLooks);
        if (!(alpha is > 0 and < 0.5)) throw new ArgumentOutOfRangeException(nameof(alpha), "must be in (0, 0.5)");
        return Cache.GetOrAdd((function, alpha, looks), key => Compute(key.Item1, key.Item2, key.Item3));
    }

    private static ImmutableArray<double> Compute(SpendingFunction function, double alpha, int looks)
    {
        // Score scale: S_k = Z_k·√k is a sum of k independent N(0, 1) increments.
        var low = -KernelHalfWidth * Math.Sqrt(looks) - KernelHalfWidth;
        var high = KernelHalfWidth * Math.Sqrt(looks) + KernelHalfWidth;
        var n = (int)Math.Ceiling((high - low) / Step) + 1;
        var grid = new double[n];
        for (var i = 0; i < n; i++) grid[i] = low + i * Step;
        var kernel = new double[(int)(KernelHalfWidth / Step) * 2 + 1];
        var half = kernel.Length / 2;
        for (var j = 0; j < kernel.Length; j++) kernel[j] = Normal.PDF(0, 1, (j - half) * Step) * Step;

        var boundaries = ImmutableArray.CreateBuilder<double>(looks);
        double[]? density = null; // density of S_{k−1} on the continuation region (grid points below its boundary)
        var previousBoundary = double.PositiveInfinity;
        for (var k = 1; k <= looks; k++)
        {
            var spend = AlphaSpending.Spent(function, alpha, (double)k / looks) - AlphaSpending.Spent(function, alpha, (double)(k - 1) / looks);
            double b;
            if (density is null)
            {
                b = -Normal.InvCDF(0, 1, spend);
            }
            else
            {
                var d = density;
                var limit = previousBoundary;
                double Crossing(double boundary)
                {
                    double p = 0;
                    for (var i = 0; i < n && grid[i] < limit; i++)
                    {
                        if (d[i] > 0) p += d[i] * Step * Normal.CDF(0, 1, grid[i] - boundary);
                    }

                    return p;
                }

                double lo = -10 * Math.Sqrt(k), hi = 20 * Math.Sqrt(k);
                for (var iteration = 0; iteration < 60; iteration++)
                {
                    var mid = (lo + hi) / 2;
                    if (Crossing(mid) > spend) lo = mid;
                    else hi = mid;
                }

                b = (lo + hi) / 2;
            }

            // Density of S_k on s < b: convolve the surviving density of S_{k−1} with the N(0, 1) increment.
            var next = new double[n];
            if (density is null)
            {
                for (var i = 0; i < n; i++) next[i] = grid[i] < b ? Normal.PDF(0, 1, grid[i]) : 0;
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    if (grid[i] >= b) break;
                    double sum = 0;
                    var from = Math.Max(0, i - half);
                    var to = Math.Min(n - 1, i + half);
                    for (var u = from; u <= to; u++)
                    {
                        if (density[u] > 0) sum += density[u] * kernel[i - u + half];
                    }

                    next[i] = sum;
                }
            }

            density = next;
            previousBoundary = b;
            boundaries.Add(b / Math.Sqrt(k));
        }

        return boundaries.MoveToImmutable();
    }
}
