namespace DevOpsFeedback.Simulation;

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
        if (mean <= 0) return 0;
        if (mean > NormalAbove) return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal(rng))));
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

    public static int Binomial(Random rng, double p, int n)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        var variance = n * p * (1 - p);
        if (variance > NormalAbove) return Math.Clamp((int)Math.Round((n * p) + (Math.Sqrt(variance) * Normal(rng))), 0, n);
        if (p > 0.5) return n - Binomial(rng, 1 - p, n);

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

    private static double Normal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
