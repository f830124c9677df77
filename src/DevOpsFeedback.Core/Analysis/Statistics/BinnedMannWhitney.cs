namespace DevOpsFeedback.Analysis.Statistics;

/// <summary>
/// Mann-Whitney U (Wilcoxon rank-sum) on two samples given as counts over the same ordered bins.
/// Every value in a bin is a tie, so midranks and the tie-corrected variance are exact for binned data.
/// </summary>
public static class BinnedMannWhitney
{
    /// <summary>The result: U of the candidate, its z (continuity-corrected), p-value and P(candidate &gt; baseline) + ½P(tie).</summary>
    public readonly record struct Result(double U, double Z, double PValue, double ProbabilityOfSuperiority);

    /// <summary>
    /// Tests "candidate tends to be larger" (one-sided) or "the two differ" (two-sided) with the normal approximation,
    /// tie correction and continuity correction (as R's <c>wilcox.test(exact = FALSE, correct = TRUE)</c>
    /// and SciPy's <c>mannwhitneyu(method="asymptotic")</c>).
    /// </summary>
    public static Result Test(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline, bool twoSided = false)
    {
        if (candidate.Length != baseline.Length) throw new ArgumentException("candidate and baseline must have the same bins", nameof(baseline));
        double n1 = 0, n2 = 0;
        for (var i = 0; i < candidate.Length; i++)
        {
            if (candidate[i] < 0 || baseline[i] < 0) throw new ArgumentOutOfRangeException(nameof(candidate), "bin counts must be ≥ 0");
            n1 += candidate[i];
            n2 += baseline[i];
        }

        if (n1 <= 0 || n2 <= 0) return new Result(0, 0, 1, 0.5);

        // U1 = Σ_bins c_i · (baseline below bin + ½ · baseline in bin); tie term Σ (t³ − t).
        double u = 0, below = 0, ties = 0;
        for (var i = 0; i < candidate.Length; i++)
        {
            u += candidate[i] * (below + 0.5 * baseline[i]);
            below += baseline[i];
            var t = candidate[i] + baseline[i];
            ties += (t * t - 1) * t;
        }

        var n = n1 + n2;
        var mean = n1 * n2 / 2;
        var variance = n1 * n2 / 12 * (n + 1 - ties / (n * (n - 1)));
        var superiority = u / (n1 * n2);
        if (variance <= 0) return new Result(u, 0, 1, superiority);
        var sd = Math.Sqrt(variance);
        double z, p;
        if (twoSided)
        {
            var d = Math.Abs(u - mean);
            z = Math.Max(0, d - 0.5) / sd;
            p = Math.Min(1, 2 * ProportionTest.UpperTail(z));
        }
        else
        {
            z = (u - mean - 0.5) / sd;
            p = ProportionTest.UpperTail(z);
        }

        return new Result(u, z, p, superiority);
    }
}
