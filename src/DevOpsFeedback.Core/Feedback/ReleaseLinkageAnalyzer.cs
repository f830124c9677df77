using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Links feedback to releases: volume per day of exposure, mean rating and bug share per version, and a flag when
/// a version differs from the one before it beyond normal variation. As with the release judge, noise is not a
/// signal: a measure is compared only when both versions have at least <see cref="MinItems"/> items
/// (<see cref="MinExposureDays"/> days for volume), and flagged only at |z| ≥ <see cref="ZThreshold"/>
/// (two-sided p ≈ 0.0027):
/// <list type="bullet">
/// <item>bug share: two-proportion z-test with pooled variance;</item>
/// <item>rating: Welch z on the means (ratings are bounded, so at 30+ ratings the normal approximation holds);</item>
/// <item>volume: conditional test of two Poisson rates (counts split in proportion to exposure under H0).</item>
/// </list>
/// Feedback without a version (and none inferred) is left out.
/// </summary>
public static class ReleaseLinkageAnalyzer
{
    public const int MinItems = 30;
    public const double MinExposureDays = 1.0;
    public const double ZThreshold = 3.0;

    public static ImmutableArray<VersionFeedback> Analyze(
        IEnumerable<FeedbackRecord> feedback, IEnumerable<DeploymentRecord> deployments, DateTimeOffset from, DateTimeOffset to)
    {
        var byApp = feedback.Where(f => f.Version is not null && f.ReceivedAt >= from && f.ReceivedAt < to)
            .GroupBy(f => f.App, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<VersionFeedback>();
        foreach (var appDeployments in deployments.GroupBy(d => d.App, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var timeline = new ProductionTimeline(appDeployments);
            var stats = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
            foreach (var f in byApp.GetValueOrDefault(appDeployments.Key) ?? [])
            {
                if (!stats.TryGetValue(f.Version!, out var acc)) stats[f.Version!] = acc = new Accumulator();
                acc.Add(f);
            }

            VersionFeedback? previous = null;
            Accumulator? previousAcc = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var d in appDeployments.OrderBy(d => d.DeployedAt).ThenBy(d => d.ReleaseId, StringComparer.Ordinal))
            {
                if (d.DeployedAt >= to || !seen.Add(d.Version)) continue;
                var acc = stats.GetValueOrDefault(d.Version) ?? new Accumulator();
                var exposure = timeline.Exposure(d.Version, from, to).TotalDays;
                var flags = previous is null || previousAcc is null
                    ? ImmutableArray<LinkageFlag>.Empty
                    : Compare(previousAcc, previous.ExposureDays, acc, exposure);
                var current = new VersionFeedback(d.App, d.Version, d.ReleaseId, d.DeployedAt, Math.Round(exposure, 4), acc.Count,
                    acc.Ratings, acc.Ratings == 0 ? null : Math.Round(acc.RatingSum / acc.Ratings, 3), acc.Bugs,
                    previous?.Version, flags);
                if (d.DeployedAt >= from || acc.Count > 0) result.Add(current);
                previous = current;
                previousAcc = acc;
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<LinkageFlag> Compare(Accumulator before, double beforeDays, Accumulator after, double afterDays)
    {
        var flags = ImmutableArray.CreateBuilder<LinkageFlag>();
        if (before.Count >= MinItems && after.Count >= MinItems)
        {
            var p1 = (double)before.Bugs / before.Count;
            var p2 = (double)after.Bugs / after.Count;
            var pooled = (double)(before.Bugs + after.Bugs) / (before.Count + after.Count);
            var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / before.Count) + (1.0 / after.Count)));
            if (se > 0) Flag(flags, "bug-share", (p2 - p1) / se, worseWhenPositive: true, $"{p1:P1} → {p2:P1}");

            if (before.Count >= MinItems && before.Ratings >= MinItems && after.Ratings >= MinItems)
            {
                var m1 = before.RatingSum / before.Ratings;
                var m2 = after.RatingSum / after.Ratings;
                var v1 = Variance(before);
                var v2 = Variance(after);
                var seR = Math.Sqrt((v1 / before.Ratings) + (v2 / after.Ratings));
                if (seR > 0) Flag(flags, "rating", (m2 - m1) / seR, worseWhenPositive: false, $"{m1:F2} → {m2:F2}");
            }
        }

        if (beforeDays >= MinExposureDays && afterDays >= MinExposureDays && before.Count + after.Count >= MinItems)
        {
            var total = before.Count + after.Count;
            var p0 = afterDays / (beforeDays + afterDays);
            var seV = Math.Sqrt(total * p0 * (1 - p0));
            if (seV > 0)
            {
                var detail = string.Create(CultureInfo.InvariantCulture, $"{before.Count / beforeDays:F1}/day → {after.Count / afterDays:F1}/day");
                Flag(flags, "volume", (after.Count - (total * p0)) / seV, worseWhenPositive: true, detail);
            }
        }

        return flags.ToImmutable();
    }

    private static double Variance(Accumulator a) =>
        a.Ratings < 2 ? 0 : Math.Max(0, (a.RatingSquares - (a.RatingSum * a.RatingSum / a.Ratings)) / (a.Ratings - 1));

    private static void Flag(ImmutableArray<LinkageFlag>.Builder flags, string measure, double z, bool worseWhenPositive, string detail)
    {
        if (double.IsNaN(z) || Math.Abs(z) < ZThreshold) return;
        var p = 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
        flags.Add(new LinkageFlag(measure, worseWhenPositive ? z > 0 : z < 0, Math.Round(z, 2), p, detail));
    }

    private sealed class Accumulator
    {
        public int Count;
        public int Bugs;
        public int Ratings;
        public double RatingSum;
        public double RatingSquares;

        public void Add(FeedbackRecord f)
        {
            Count++;
            if (f.Category == FeedbackCategory.Bug) Bugs++;
            if (f.Rating is { } r)
            {
                Ratings++;
                RatingSum += r;
                RatingSquares += r * r;
            }
        }
    }
}
