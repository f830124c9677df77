using MathNet.Numerics.Distributions;

namespace DevOpsFeedback.Analysis.Statistics;

/// <summary>Tests on proportions (error rates).</summary>
public static class ProportionTest
{
    /// <summary>
    /// Pooled two-proportion z test of H0: p_candidate ≤ p_baseline against "candidate is worse".
    /// <paramref name="dispersion"/> ≥ 1 inflates the variance (quasi-binomial) when failures come in bursts.
    /// Returns z and the one-sided p-value; z = 0, p = 1 when there is nothing to compare.
    /// </summary>
    public static TestResult TwoProportionGreater(long candidateFailures, long candidateTotal, long baselineFailures, long baselineTotal, double dispersion = 1)
    {
        if (candidateTotal <= 0 || baselineTotal <= 0) return new TestResult(0, 1);
        var p1 = (double)candidateFailures / candidateTotal;
        var p2 = (double)baselineFailures / baselineTotal;
        var pooled = (double)(candidateFailures + baselineFailures) / (candidateTotal + baselineTotal);
        var variance = pooled * (1 - pooled) * (1.0 / candidateTotal + 1.0 / baselineTotal) * Math.Max(1, dispersion);
        if (variance <= 0) return p1 > p2 ? new TestResult(double.PositiveInfinity, 0) : new TestResult(0, 1);
        var z = (p1 - p2) / Math.Sqrt(variance);
        return new TestResult(z, UpperTail(z));
    }

    /// <summary>
    /// The same test with a dispersion per group (quasi-binomial): Var = p̂(1 − p̂)·(φ₁/n₁ + φ₂/n₂), each φ ≥ 1.
    /// With φ₁ = φ₂ = φ it is <see cref="TwoProportionGreater(long, long, long, long, double)"/>.
    /// </summary>
    public static TestResult TwoProportionGreater(long candidateFailures, long candidateTotal, long baselineFailures, long baselineTotal, double candidateDispersion, double baselineDispersion)
    {
        if (candidateTotal <= 0 || baselineTotal <= 0) return new TestResult(0, 1);
        var p1 = (double)candidateFailures / candidateTotal;
        var p2 = (double)baselineFailures / baselineTotal;
        var pooled = (double)(candidateFailures + baselineFailures) / (candidateTotal + baselineTotal);
        var variance = pooled * (1 - pooled) * ((Math.Max(1, candidateDispersion) / candidateTotal) + (Math.Max(1, baselineDispersion) / baselineTotal));
        if (variance <= 0) return p1 > p2 ? new TestResult(double.PositiveInfinity, 0) : new TestResult(0, 1);
        var z = (p1 - p2) / Math.Sqrt(variance);
        return new TestResult(z, UpperTail(z));
    }

    /// <summary>
    /// Exact conditional test for rare events: given x = candidate + baseline failures, under H0 (equal rates) the
    /// candidate's failures are Binomial(x, n₁/(n₁+n₂)); the p-value is the upper tail. Normal approximations are
    /// anti-conservative with a handful of failures; this is not.
    /// </summary>
    public static double ConditionalBinomialGreater(long candidateFailures, long candidateTotal, long baselineFailures, long baselineTotal)
    {
        if (candidateTotal <= 0 || baselineTotal <= 0 || candidateFailures <= 0) return 1;
        var total = candidateFailures + baselineFailures;
        if (total > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(candidateFailures), "too many failures for the exact test");
        var share = (double)candidateTotal / (candidateTotal + baselineTotal);
        return Math.Clamp(1 - Binomial.CDF(share, (int)total, candidateFailures - 1), 0, 1);
    }

    /// <summary>
    /// Lancaster's mid-p of the exact conditional test: P(X &gt; x) + ½·P(X = x) for X ~ Binomial(x₁ + x₂, n₁/(n₁+n₂)).
    /// The plain exact tail counts the observed outcome whole, so with a handful of failures its real size is far
    /// below α (discreteness); the mid-p halves that mass and has a size close to α (Agresti, Categorical Data
    /// Analysis, 3rd ed., §1.4.4), while staying exact in shape for rare events where the normal test is not.
    /// </summary>
    public static double ConditionalBinomialMidPGreater(long candidateFailures, long candidateTotal, long baselineFailures, long baselineTotal)
    {
        if (candidateTotal <= 0 || baselineTotal <= 0 || candidateFailures < 0 || baselineFailures < 0) return 1;
        var total = candidateFailures + baselineFailures;
        if (total == 0) return 1;
        if (total > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(candidateFailures), "too many failures for the exact test");
        var share = (double)candidateTotal / (candidateTotal + baselineTotal);
        var above = 1 - Binomial.CDF(share, (int)total, candidateFailures);
        var at = Binomial.PMF(share, (int)total, (int)candidateFailures);
        return Math.Clamp(above + (0.5 * at), 0, 1);
    }

    /// <summary>
    /// One-sample test of H0: p ≤ <paramref name="limit"/> against p &gt; limit (normal approximation to the binomial;
    /// exact binomial tail when the expected count is small).
    /// </summary>
    public static TestResult OneProportionGreater(long failures, long total, double limit)
    {
        if (total <= 0) return new TestResult(0, 1);
        if (limit <= 0) return failures > 0 ? new TestResult(double.PositiveInfinity, 0) : new TestResult(0, 1);
        if (limit >= 1) return new TestResult(0, 1);
        var expected = total * limit;
        var z = (failures - expected) / Math.Sqrt(expected * (1 - limit));
        if (expected < 20 && total <= int.MaxValue)
        {
            // Exact: P(X ≥ failures) for X ~ Binomial(total, limit).
            var p = failures <= 0 ? 1 : 1 - Binomial.CDF(limit, (int)total, failures - 1);
            return new TestResult(z, Math.Clamp(p, 0, 1));
        }

        return new TestResult(z, UpperTail(z));
    }

    /// <summary>P(Z ≥ z) for a standard normal Z, accurate far into the tail.</summary>
    public static double UpperTail(double z) =>
        double.IsPositiveInfinity(z) ? 0 : double.IsNegativeInfinity(z) ? 1 : 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2));

    /// <summary>The z with P(Z ≥ z) = <paramref name="alpha"/>.</summary>
    public static double CriticalZ(double alpha) => -Normal.InvCDF(0, 1, alpha);
}
