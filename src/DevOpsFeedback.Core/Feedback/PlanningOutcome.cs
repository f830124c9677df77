using System.Collections.Immutable;

namespace DevOpsFeedback.Feedback;

/// <summary>What a planning run found: themes, release linkage, DORA per app, and the ranked items.</summary>
public sealed record PlanningOutcome(
    DateTimeOffset Since,
    DateTimeOffset Now,
    ImmutableArray<Theme> Themes,
    ImmutableArray<VersionFeedback> Linkage,
    ImmutableArray<DoraMetrics> Dora,
    ImmutableArray<PlanningItem> Items)
{
    public bool Equals(PlanningOutcome? other) =>
        other is not null && Since == other.Since && Now == other.Now && Themes.SequenceEqual(other.Themes) &&
        Linkage.SequenceEqual(other.Linkage) && Dora.SequenceEqual(other.Dora) && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Since, Now, Items.Length);
}
