using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis.Statistics;

public class ProportionTestTests
{
    [Fact]
    public void TwoProportionGreater_TextbookExample_MatchesPropTest()
    {
        // R: prop.test(c(25, 15), c(50, 50), correct = FALSE) → X-squared = 4.1667, p-value = 0.04123 (two-sided);
        // z = √4.1667 = 2.0412, so the one-sided p is 0.04123 / 2 = 0.02062.
        var result = ProportionTest.TwoProportionGreater(25, 50, 15, 50);
        Assert.Equal(2.0412, result.Statistic, 4);
        Assert.Equal(0.04123, 2 * result.PValue, 5);
    }

    [Fact]
    public void TwoProportionGreater_Dispersion_WidensTheTest()
    {
        var plain = ProportionTest.TwoProportionGreater(25, 50, 15, 50);
        var bursty = ProportionTest.TwoProportionGreater(25, 50, 15, 50, dispersion: 4);
        Assert.Equal(plain.Statistic / 2, bursty.Statistic, 10);
        Assert.True(bursty.PValue > plain.PValue);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    public void TwoProportionGreater_EqualDispersionPerGroup_IsTheSingleDispersionTest(double candidate, double baseline)
    {
        var single = ProportionTest.TwoProportionGreater(25, 50, 15, 50, dispersion: candidate);
        var perGroup = ProportionTest.TwoProportionGreater(25, 50, 15, 50, candidate, baseline);
        Assert.Equal(single.Statistic, perGroup.Statistic, 12);
    }

    [Fact]
    public void TwoProportionGreater_BurstyCandidateOnly_WidensByItsShareOfTheVariance()
    {
        // Equal n: Var ∝ (φc + φb) / n, so φc = 3, φb = 1 doubles the variance of the binomial test: z shrinks by √2.
        var plain = ProportionTest.TwoProportionGreater(25, 50, 15, 50);
        var bursty = ProportionTest.TwoProportionGreater(25, 50, 15, 50, candidateDispersion: 3, baselineDispersion: 1);
        Assert.Equal(plain.Statistic / Math.Sqrt(2), bursty.Statistic, 10);
    }

    [Fact]
    public void ConditionalBinomialMidPGreater_KnownAnswer_HalvesTheObservedOutcome()
    {
        // 8 of 10 failures in the candidate, equal traffic: X ~ Binomial(10, ½); P(X > 8) = 11/1024, P(X = 8) = 45/1024.
        Assert.Equal(33.5 / 1024, ProportionTest.ConditionalBinomialMidPGreater(8, 1000, 2, 1000), 12);
        Assert.Equal(56.0 / 1024, ProportionTest.ConditionalBinomialGreater(8, 1000, 2, 1000), 12);
    }

    [Theory]
    [InlineData(0, 1000, 0, 1000)]
    [InlineData(3, 0, 1, 1000)]
    public void ConditionalBinomialMidPGreater_NothingToCompare_IsOne(long cf, long cn, long bf, long bn) =>
        Assert.Equal(1, ProportionTest.ConditionalBinomialMidPGreater(cf, cn, bf, bn));

    [Theory]
    [InlineData(0, 0, 5, 100)]
    [InlineData(3, 100, 0, 0)]
    public void TwoProportionGreater_EmptySample_IsNotSignificant(long cf, long cn, long bf, long bn) =>
        Assert.Equal(1, ProportionTest.TwoProportionGreater(cf, cn, bf, bn).PValue);

    [Fact]
    public void TwoProportionGreater_NoFailuresAnywhere_IsNotSignificant() =>
        Assert.Equal(1, ProportionTest.TwoProportionGreater(0, 1000, 0, 1000).PValue);

    [Fact]
    public void OneProportionGreater_SmallExpectedCount_UsesExactBinomialTail()
    {
        // R: binom.test(7, 20, p = 0.15, alternative = "greater")$p.value = 1 − pbinom(6, 20, 0.15) = 0.021935
        // (also Σ_{k=7..20} C(20,k)·0.15^k·0.85^(20−k), evaluated independently).
        var result = ProportionTest.OneProportionGreater(7, 20, 0.15);
        Assert.Equal(0.0219351, result.PValue, 6);
    }

    [Theory]
    [InlineData(1.6448536269514722, 0.05)]
    [InlineData(2.3263478740408408, 0.01)]
    [InlineData(4.753424308822899, 1e-6)]
    public void UpperTail_StandardNormal_MatchesQnorm(double z, double p)
    {
        // R: qnorm(1 − p) for the z column.
        Assert.Equal(p, ProportionTest.UpperTail(z), 9);
        Assert.Equal(z, ProportionTest.CriticalZ(p), 6);
    }
}
