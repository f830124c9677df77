using System.Collections.Immutable;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Feedback on one version of an app while it ran in production, compared with the version before it.
/// </summary>
/// <param name="ExposureDays">Days the version served production in the analysed range (volume is per day of exposure).</param>
/// <param name="Flags">Changes beyond normal variation against <see cref="PreviousVersion"/> (empty when none, or too little data).</param>
public sealed record VersionFeedback(
    string App,
    string Version,
    string? ReleaseId,
    DateTimeOffset DeployedAt,
    double ExposureDays,
    int Count,
    int RatingCount,
    double? AverageRating,
    int BugCount,
    string? PreviousVersion,
    ImmutableArray<LinkageFlag> Flags)
{
    public double? PerDay => ExposureDays <= 0 ? null : Count / ExposureDays;

    public double BugShare => Count == 0 ? 0 : (double)BugCount / Count;

    public bool Equals(VersionFeedback? other) =>
        other is not null && App == other.App && Version == other.Version && ReleaseId == other.ReleaseId &&
        DeployedAt == other.DeployedAt && ExposureDays == other.ExposureDays && Count == other.Count &&
        RatingCount == other.RatingCount && AverageRating == other.AverageRating && BugCount == other.BugCount &&
        PreviousVersion == other.PreviousVersion && Flags.SequenceEqual(other.Flags);

    public override int GetHashCode() => HashCode.Combine(App, Version, Count);
}

/// <summary>A significant change of one feedback measure from the previous version.</summary>
/// <param name="Measure">"volume", "rating" or "bug-share".</param>
/// <param name="Worse">True when the change is for the worse (more volume, lower rating, more bugs).</param>
/// <param name="Z">The test statistic (|z| ≥ the threshold).</param>
/// <param name="PValue">Two-sided p-value under the normal approximation.</param>
/// <param name="Detail">Before → after, for people.</param>
public sealed record LinkageFlag(string Measure, bool Worse, double Z, double PValue, string Detail);
