using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis.Statistics;

public class HistogramMathTests
{
    private static readonly double[] Bounds = [25, 50, 100];

    [Theory]
    [InlineData(0.5, 50)]
    [InlineData(0.6, 62.99605249474366)] // 50 · 2^(1/3): geometric inside (50, 100]
    [InlineData(0.05, 12.5)]
    [InlineData(0.25, 32.42098886627524)] // 25 · 2^(15/40)
    [InlineData(0.95, double.PositiveInfinity)]
    public void Percentile_InterpolatesInsideTheBucket(double q, double expected) =>
        Assert.Equal(expected, HistogramMath.Percentile(Bounds, [10, 40, 30, 20], q), 9);

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
