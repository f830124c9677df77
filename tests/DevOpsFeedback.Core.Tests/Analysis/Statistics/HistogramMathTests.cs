using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis.Statistics;

public class HistogramMathTests
{
    private static readonly double[] Bounds = [25, 50, 100];

    [Theory]
    [InlineData(0.5, 50)]
    [InlineData(0.6, 61.6008732765364)] // F: 0.5 → 0.8 over (50, 100]; Φ⁻¹: 0 → 0.84162, Φ⁻¹(0.6) = 0.25335: 50 · 2^0.30102
    [InlineData(0.05, 12.5)]
    [InlineData(0.25, 34.7164864965025)] // F: 0.1 → 0.5 over (25, 50]; Φ⁻¹: −1.28155 → 0, Φ⁻¹(0.25) = −0.67449: 25 · 2^0.47369
    [InlineData(0.95, double.PositiveInfinity)]
    public void Percentile_InterpolatesInsideTheBucket(double q, double expected) =>
        Assert.Equal(expected, HistogramMath.Percentile(Bounds, [10, 40, 30, 20], q), 9);

    [Theory]
    [InlineData(0.5, 100)]
    [InlineData(0.95, 227.60166)]
    [InlineData(0.99, 320.00740)]
    public void Percentile_LognormalBuckets_RecoversTheTrueQuantile(double q, double expected)
    {
        // Lognormal(median 100 ms, σ 0.5): quantile = 100 · e^(0.5 · Φ⁻¹(q)); R: qlnorm(q, log(100), 0.5).
        var bounds = Analysis.LatencyHistogram.StandardBoundsMs;
        var bins = new double[bounds.Length + 1];
        double previous = 0;
        for (var i = 0; i < bounds.Length; i++)
        {
            var cdf = MathNet.Numerics.Distributions.LogNormal.CDF(Math.Log(100), 0.5, bounds[i]);
            bins[i] = (cdf - previous) * 1e9;
            previous = cdf;
        }

        bins[^1] = (1 - previous) * 1e9;
        Assert.Equal(expected, HistogramMath.Percentile(bounds.AsSpan(), bins, q), 2);
    }

    [Fact]
    public void Percentile_NoRequests_IsNaN() => Assert.True(double.IsNaN(HistogramMath.Percentile(Bounds, [0, 0, 0, 0], 0.5)));

    [Fact]
    public void AddCumulative_TurnsCumulativeCountsIntoBins()
    {
        var bins = new double[4];
        HistogramMath.AddCumulative(bins, [10, 50, 80], 100);
        HistogramMath.AddCumulative(bins, [1, 1, 2], 3);
        Assert.Equal([11, 40, 31, 21], bins);
    }
}
