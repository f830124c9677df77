using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis.Statistics;

public class GroupSequentialBoundaryTests
{
    [Fact]
    public void ZBoundaries_OBrienFlemingFiveLooks_MatchPublishedValues()
    {
        // Lan-DeMets O'Brien-Fleming spending, 5 equally spaced looks, one-sided α = 0.025: the boundaries
        // 4.877, 3.357, 2.680, 2.290, 2.031 (R gsDesign::gsDesign(k = 5, test.type = 1, sfu = sfLDOF)$upper$bound;
        // Jennison & Turnbull, Group Sequential Methods, ch. 7).
        double[] published = [4.877, 3.357, 2.680, 2.290, 2.031];
        var boundaries = GroupSequentialBoundary.ZBoundaries(SpendingFunction.OBrienFleming, 0.025, 5);
        for (var k = 0; k < 5; k++) Assert.Equal(published[k], boundaries[k], 2);
    }

    [Fact]
    public void ZBoundaries_SingleLook_IsTheFixedSampleCriticalValue() =>
        Assert.Equal(1.959964, GroupSequentialBoundary.ZBoundaries(SpendingFunction.Pocock, 0.025, 1)[0], 5);

    [Fact]
    public void ZBoundaries_PocockSixtyLooks_AreRoughlyFlatAndBelowBonferroni()
    {
        var boundaries = GroupSequentialBoundary.ZBoundaries(SpendingFunction.Pocock, 0.005, 60);
        var bonferroni = ProportionTest.CriticalZ(0.005 / 60);
        Assert.All(boundaries.Skip(1), c => Assert.InRange(c, 2.9, bonferroni));
    }

    [Fact]
    public void ZBoundaries_TooManyLooks_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupSequentialBoundary.ZBoundaries(SpendingFunction.Pocock, 0.01, GroupSequentialBoundary.MaxExactLooks + 1));
}
