namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>Seeded samplers for the generator: exact for small counts, normal approximations for large ones.</summary>
internal sealed class Sampler(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    public double LogUniform(double low, double high) => Math.Exp(Uniform(Math.Log(low), Math.Log(high)));

    public bool Chance(double p) => _random.NextDouble() < p;

    public double Normal()
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public long Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.Max(0, (long)Math.Round(lambda + Math.Sqrt(lambda) * Normal()));
        var limit = Math.Exp(-lambda);
        long k = 0;
        var product = _random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }

        return k;
    }

    public long Binomial(long n, double p)
    {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - Binomial(n, 1 - p);
        if (n < 40)
        {
            long k = 0;
            for (var i = 0; i < n; i++) k += _random.NextDouble() < p ? 1 : 0;
            return k;
        }

        var mean = n * p;
        if (mean * (1 - p) > 9) return Math.Clamp((long)Math.Round(mean + Math.Sqrt(mean * (1 - p)) * Normal()), 0, n);
        return Math.Min(n, Poisson(mean));
    }
}
