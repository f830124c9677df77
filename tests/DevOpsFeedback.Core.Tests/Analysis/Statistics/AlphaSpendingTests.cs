using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis.Statistics;

public class AlphaSpendingTests
{
    [Theory]
    [InlineData(SpendingFunction.Pocock, 60)]
    [InlineData(SpendingFunction.OBrienFleming, 12)]
    [InlineData(SpendingFunction.Linear, 5)]
    public void UnionBoundLevel_OverAllLooks_SpendsExactlyAlpha(SpendingFunction function, int looks)
    {
        var total = Enumerable.Range(1, looks).Sum(k => AlphaSpending.UnionBoundLevel(function, 0.005, k, looks));
        Assert.Equal(0.005, total, 12);
    }

    [Fact]
    public void Spent_OBrienFleming_SpendsLittleEarly()
    {
        // Lan & DeMets (1983): α(t) = 2 − 2Φ(z_{α/2}/√t); with α = 0.05 at t = 0.5: 2 − 2Φ(1.95996/0.70711) = 0.005575.
        Assert.Equal(0.005575, AlphaSpending.Spent(SpendingFunction.OBrienFleming, 0.05, 0.5), 6);
        Assert.True(AlphaSpending.Spent(SpendingFunction.Pocock, 0.05, 0.5) > 0.03);
    }

    [Fact]
    public void Spent_Pocock_MatchesLanDeMetsFormula() =>
        Assert.Equal(0.05 * Math.Log(1 + (Math.E - 1) * 0.25), AlphaSpending.Spent(SpendingFunction.Pocock, 0.05, 0.25), 15);

    [Fact]
    public void NominalLevel_ExactBoundary_IsLessConservativeThanTheUnionBound()
    {
        for (var k = 2; k <= 60; k++)
            Assert.True(AlphaSpending.NominalLevel(SpendingFunction.Pocock, 0.005, k, 60) > AlphaSpending.UnionBoundLevel(SpendingFunction.Pocock, 0.005, k, 60));
        Assert.Equal(AlphaSpending.UnionBoundLevel(SpendingFunction.Pocock, 0.005, 1, 60), AlphaSpending.NominalLevel(SpendingFunction.Pocock, 0.005, 1, 60), 12);
    }

    [Fact]
    public void NominalLevel_BadLook_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.NominalLevel(SpendingFunction.Pocock, 0.01, 0, 10));
}
