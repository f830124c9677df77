namespace DevOpsFeedback.Analysis.Statistics;

/// <summary>Overdispersion of per-minute failure counts (bursty errors) relative to the binomial.</summary>
public static class Dispersion
{
    /// <summary>
    /// Pearson dispersion φ = Σ (xᵢ − nᵢp̂)² / (nᵢp̂(1 − p̂)) / (m − 1) over the minutes with traffic, at least 1.
    /// A quasi-binomial test multiplies the variance by φ. Returns 1 with fewer than 3 minutes, and when the Pearson χ²
    /// is not above its 99th percentile (no evidence of bursts: do not pay for noise in the estimate).
    /// </summary>
    public static double Binomial(ReadOnlySpan<long> requests, ReadOnlySpan<long> failures)
    {
        long n = 0, x = 0;
        var minutes = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            if (requests[i] <= 0) continue;
            n += requests[i];
            x += failures[i];
            minutes++;
        }

        if (minutes < 3 || n == 0) return 1;
        var p = (double)x / n;
        if (p <= 0 || p >= 1) return 1;
        double chi2 = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            if (requests[i] <= 0) continue;
            var expected = requests[i] * p;
            var d = failures[i] - expected;
            chi2 += d * d / (expected * (1 - p));
        }

        var df = minutes - 1;
        return chi2 > MathNet.Numerics.Distributions.ChiSquared.InvCDF(df, 0.99) ? chi2 / df : 1;
    }
}
