using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis.Statistics;

public class DispersionTests
{
    [Fact]
    public void Binomial_SteadyFailures_IsOne() =>
        Assert.Equal(1, Dispersion.Binomial([1000, 1000, 1000, 1000], [5, 5, 5, 5]));

    [Fact]
    public void Binomial_BurstyFailures_IsAboveOne()
    {
        // p̂ = 0.01; minute 3 has 34 instead of 10: Pearson χ² = (8² + 8² + 24² + 8²)/9.9 ≈ 77.6 over 3 df.
        var phi = Dispersion.Binomial([1000, 1000, 1000, 1000], [2, 2, 34, 2]);
        Assert.Equal(768 / 9.9 / 3, phi, 6);
    }

    [Fact]
    public void Binomial_FewMinutes_IsOne() => Assert.Equal(1, Dispersion.Binomial([1000, 1000], [0, 50]));
}
