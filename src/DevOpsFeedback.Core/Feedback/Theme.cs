using System.Collections.Immutable;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// A group of feedback about one subject of one app, named by its top TF-IDF terms (see <see cref="ThemeExtractor"/>).
/// <see cref="Id"/> is the anchor term of its largest cluster: stable across runs on the same data.
/// </summary>
/// <param name="RecentCount">Items in the last trend window before the run time.</param>
/// <param name="PreviousCount">Items in the window before that.</param>
public sealed record Theme(
    string App,
    string Id,
    ImmutableArray<string> TopTerms,
    int Count,
    int DistinctUsers,
    int BugCount,
    int PraiseCount,
    int RatingCount,
    double? AverageRating,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int RecentCount,
    int PreviousCount,
    ImmutableArray<ThemeQuote> Examples)
{
    public string Name => string.Join(" / ", TopTerms);

    public double BugShare => Count == 0 ? 0 : (double)BugCount / Count;

    public bool Equals(Theme? other) =>
        other is not null && App == other.App && Id == other.Id && TopTerms.SequenceEqual(other.TopTerms) &&
        Count == other.Count && DistinctUsers == other.DistinctUsers && BugCount == other.BugCount &&
        PraiseCount == other.PraiseCount && RatingCount == other.RatingCount && AverageRating == other.AverageRating &&
        FirstSeen == other.FirstSeen && LastSeen == other.LastSeen && RecentCount == other.RecentCount &&
        PreviousCount == other.PreviousCount && Examples.SequenceEqual(other.Examples);

    public override int GetHashCode() => HashCode.Combine(App, Id, Count);
}
