namespace DevOpsFeedback.Simulation;

/// <summary>A source of uniform doubles in [0, 1) for <see cref="FastSampler"/>.</summary>
public interface IUniformSource
{
    double NextDouble();
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit seeded generator with one multiply-xorshift mix per draw. Seeding is
/// free, so the simulator can give every (app, version, minute) its own stream, where a seeded <see cref="Random"/> spends
/// longer initialising its 56-word state than the frame takes to draw.
/// </summary>
public struct SplitMix64(ulong seed) : IUniformSource
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>53 random bits scaled to [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}

/// <summary>
/// Poisson and binomial draws for the traffic simulator: exact inversion for small means, the normal
/// approximation (with continuity rounding, clamped to the support) once the variance is large enough for it to
/// be indistinguishable at per-minute granularity. About a microsecond a draw, so virtual time stays fast.
/// </summary>
public static class FastSampler
{
    private const double NormalAbove = 25;

    public static int Poisson(Random rng, double mean)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var source = new RandomSource(rng);
        return Poisson(ref source, mean);
    }

    public static int Binomial(Random rng, double p, int n)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var source = new RandomSource(rng);
        return Binomial(ref source, p, n);
    }

    public static int Poisson<T>(ref T rng, double mean)
        where T : struct, IUniformSource
    {
        if (mean <= 0) return 0;
        if (mean > NormalAbove) return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal(ref rng))));
        var limit = Math.Exp(-mean);
        var product = rng.NextDouble();
        var k = 0;
        while (product > limit)
        {
            product *= rng.NextDouble();
            k++;
        }

        return k;
    }

    public static int Binomial<T>(ref T rng, double p, int n)
        where T : struct, IUniformSource
    {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        var variance = n * p * (1 - p);
        if (variance > NormalAbove) return Math.Clamp((int)Math.Round((n * p) + (Math.Sqrt(variance) * Normal(ref rng))), 0, n);
        if (p > 0.5) return n - Binomial(ref rng, 1 - p, n);

        // Inversion by waiting times: the gaps between successes are geometric.
        var count = 0;
        var position = 0.0;
        var logQ = Math.Log(1 - p);
        while (true)
        {
            position += Math.Floor(Math.Log(1 - rng.NextDouble()) / logQ) + 1;
            if (position > n) return count;
            count++;
        }
    }

    private static double Normal<T>(ref T rng)
        where T : struct, IUniformSource
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private readonly struct RandomSource(Random random) : IUniformSource
    {
        public double NextDouble() => random.NextDouble();
    }
}
