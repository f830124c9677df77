using DevOpsFeedback.Simulation;

namespace DevOpsFeedback.Simulation;

public sealed class FastSamplerTests
{
    [Theory]
    [InlineData(0.002, 600)]   // the simulator's usual error rate: inversion path
    [InlineData(0.3, 1000)]    // latency buckets: normal path
    [InlineData(0.9, 50)]      // p > 0.5 mirrors
    public void Binomial_ManyDraws_MatchMeanAndVariance(double p, int n)
    {
        var rng = new Random(11);
        var draws = Enumerable.Range(0, 20_000).Select(_ => (double)FastSampler.Binomial(rng, p, n)).ToList();
        var mean = draws.Average();
        var variance = draws.Sum(d => (d - mean) * (d - mean)) / (draws.Count - 1);
        Assert.InRange(mean, n * p * 0.97, n * p * 1.03);
        Assert.InRange(variance, n * p * (1 - p) * 0.9, n * p * (1 - p) * 1.1);
        Assert.All(draws, d => Assert.InRange(d, 0, n));
    }

    [Theory]
    [InlineData(3.5)]
    [InlineData(600)]
    public void Poisson_ManyDraws_MeanEqualsVariance(double mean)
    {
        var rng = new Random(5);
        var draws = Enumerable.Range(0, 20_000).Select(_ => (double)FastSampler.Poisson(rng, mean)).ToList();
        var m = draws.Average();
        var v = draws.Sum(d => (d - m) * (d - m)) / (draws.Count - 1);
        Assert.InRange(m, mean * 0.97, mean * 1.03);
        Assert.InRange(v, mean * 0.9, mean * 1.1);
    }

    [Fact]
    public void Edges_AreExact()
    {
        var rng = new Random(1);
        Assert.Equal(0, FastSampler.Binomial(rng, 0, 100));
        Assert.Equal(100, FastSampler.Binomial(rng, 1, 100));
        Assert.Equal(0, FastSampler.Binomial(rng, 0.5, 0));
        Assert.Equal(0, FastSampler.Poisson(rng, 0));
    }
}
