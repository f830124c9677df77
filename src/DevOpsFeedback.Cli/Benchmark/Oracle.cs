using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>
/// The physical ceiling: tests that know the healthy truth of each candidate minute (expected traffic, error rate
/// including real bursts, latency distribution including the peak's slowdown). Three one-sided tests (errors,
/// requests slower than the healthy 90th-percentile bucket bound, missing requests), each at α/3.
/// A regression is detectable when a test fires at the end of the bake with the whole budget in one look;
/// its time is the first minute a test fires at the per-look Bonferroni level α/(3·looks), else the bake end.
/// </summary>
public static class Oracle
{
    public static int? Detect(GeneratedRelease release, double alpha)
    {
        var frames = release.Frames.Where(f => f.Version == release.Release.CandidateVersion)
            .ToDictionary(f => (int)(f.Time - release.Release.StartedAt).TotalMinutes);
        var looks = release.Truth.Length;
        var perLook = ProportionTest.CriticalZ(alpha / 3 / looks);
        var once = ProportionTest.CriticalZ(alpha / 3);
        var tailBin = TailBin(release);
        double x = 0, e = 0, v = 0, slow = 0, slowExpected = 0, slowVariance = 0, requests = 0, expectedRequests = 0;
        var best = double.NegativeInfinity;
        for (var minute = 0; minute < looks; minute++)
        {
            var truth = release.Truth[minute];
            expectedRequests += truth.ExpectedRequests;
            if (frames.TryGetValue(minute, out var frame))
            {
                requests += frame.Requests;
                x += frame.Failures;
                e += frame.Requests * truth.ErrorRate;
                v += frame.Requests * truth.ErrorRate * (1 - truth.ErrorRate);
                var q = 1 - truth.LatencyCdf[tailBin];
                slow += frame.Requests - frame.Latency!.Cumulative[tailBin];
                slowExpected += frame.Requests * q;
                slowVariance += frame.Requests * q * (1 - q);
            }

            var z = Math.Max(Z(x - e, v), Math.Max(Z(slow - slowExpected, slowVariance), Z(expectedRequests - requests, expectedRequests)));
            best = z;
            if (z > perLook) return minute + 1;
        }

        return best > once ? looks : null;
    }

    private static double Z(double difference, double variance) => variance <= 0 ? (difference > 0 ? double.PositiveInfinity : 0) : difference / Math.Sqrt(variance);

    private static int TailBin(GeneratedRelease release)
    {
        var cdf = release.Truth[0].LatencyCdf;
        var best = 0;
        for (var i = 1; i < cdf.Length; i++)
        {
            if (Math.Abs(cdf[i] - 0.9) < Math.Abs(cdf[best] - 0.9)) best = i;
        }

        return best;
    }
}
