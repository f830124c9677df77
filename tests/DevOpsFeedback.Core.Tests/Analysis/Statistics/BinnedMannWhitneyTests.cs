using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis.Statistics;

public class BinnedMannWhitneyTests
{
    [Fact]
    public void Test_ScipyDocumentationExample_MatchesAsymptoticPValue()
    {
        // SciPy docs, scipy.stats.mannwhitneyu: males = [19, 22, 16, 29, 24], females = [20, 11, 17, 12];
        // U1 = 17, mannwhitneyu(males, females, method="asymptotic").pvalue = 0.11134688653314041 (two-sided).
        // Each distinct value is its own bin: 11, 12, 16, 17, 19, 20, 22, 24, 29.
        double[] males = [0, 0, 1, 0, 1, 0, 1, 1, 1];
        double[] females = [1, 1, 0, 1, 0, 1, 0, 0, 0];
        var result = BinnedMannWhitney.Test(males, females, twoSided: true);
        Assert.Equal(17, result.U);
        Assert.Equal(0.11134688653314041, result.PValue, 10);
    }

    [Fact]
    public void Test_TiedValues_UsesMidranksAndTieCorrection()
    {
        // x = [1, 2, 2, 3, 3, 3], y = [1, 1, 2, 2, 3]. Ranking the raw values with midranks gives U = 20.5;
        // the tie-corrected variance n1·n2/12·((N+1) − Σ(t³−t)/(N(N−1))) = 26.7273, and with continuity
        // correction the two-sided p = 0.33347 (what R's wilcox.test(x, y, exact = FALSE) computes: W = 20.5).
        double[] x = [1, 2, 3];
        double[] y = [2, 2, 1];
        var result = BinnedMannWhitney.Test(x, y, twoSided: true);
        Assert.Equal(20.5, result.U);
        Assert.Equal(0.3334703, result.PValue, 6);
        var oneSided = BinnedMannWhitney.Test(x, y);
        Assert.Equal(0.1667352, oneSided.PValue, 6);
    }

    [Fact]
    public void Test_AllValuesTied_IsNotSignificant()
    {
        var result = BinnedMannWhitney.Test([0, 5, 0], [0, 7, 0]);
        Assert.Equal(1, result.PValue);
        Assert.Equal(0.5, result.ProbabilityOfSuperiority);
    }

    [Fact]
    public void Test_OneValueEach_IsNotSignificant()
    {
        var result = BinnedMannWhitney.Test([0, 1], [1, 0]);
        Assert.Equal(1, result.U);
        Assert.Equal(0.5, result.PValue, 10);
    }

    [Fact]
    public void Test_EmptySample_IsNotSignificant() => Assert.Equal(1, BinnedMannWhitney.Test([0, 0], [3, 4]).PValue);

    [Fact]
    public void Test_ClearlySlowerCandidate_IsSignificant()
    {
        var result = BinnedMannWhitney.Test([0, 100, 900], [900, 100, 0]);
        Assert.True(result.PValue < 1e-12);
        Assert.True(result.ProbabilityOfSuperiority > 0.9);
    }

    [Fact]
    public void Test_DifferentBinCounts_Throws() =>
        Assert.Throws<ArgumentException>(() => BinnedMannWhitney.Test([1, 2], [1, 2, 3]));
}
