using System.Collections.Immutable;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// A ranked backlog candidate. <see cref="Key"/> is stable for the same subject (see <see cref="PlanningKeys"/>):
/// a re-run updates the item with that key instead of creating another.
/// </summary>
/// <param name="Scope">The app (or, for retrospective actions, the team) the item belongs to.</param>
/// <param name="FirstSeen">When the subject first appeared (first report, deployment, incident, due date).</param>
/// <param name="UpdatedAt">When a planning run last wrote the item.</param>
public sealed record PlanningItem(
    string Key,
    string Scope,
    PlanningItemKind Kind,
    string Title,
    string Summary,
    double Score,
    ScoreParts ScoreParts,
    ImmutableArray<EvidenceLink> Evidence,
    PlanningItemStatus Status,
    DateTimeOffset FirstSeen,
    DateTimeOffset UpdatedAt)
{
    public bool Equals(PlanningItem? other) =>
        other is not null && Key == other.Key && Scope == other.Scope && Kind == other.Kind && Title == other.Title &&
        Summary == other.Summary && Score == other.Score && ScoreParts == other.ScoreParts &&
        Evidence.SequenceEqual(other.Evidence) && Status == other.Status && FirstSeen == other.FirstSeen && UpdatedAt == other.UpdatedAt;

    public override int GetHashCode() => HashCode.Combine(Key, Score, Status);
}
