namespace DevOpsFeedback.Feedback;

/// <summary>Tuning of <see cref="ThemeExtractor"/>.</summary>
/// <param name="MinThemeSize">Fewest items a theme (and an anchor term) needs.</param>
/// <param name="MaxAnchorShare">A term in more than this share of an app's items is too common to anchor a theme.</param>
/// <param name="MergeSimilarity">Clusters whose centroids have at least this cosine similarity are merged.</param>
/// <param name="TopTermCount">Terms in a theme's name.</param>
/// <param name="ExampleCount">Quotes kept per theme.</param>
/// <param name="TrendWindow">Length of the recent and previous windows compared for the trend.</param>
/// <param name="MinLift">Two terms are associated when they share at least this many times the items independence predicts.</param>
/// <param name="MergeCooccurrence">A cluster joins a larger one whose anchor is associated with its own and named by at least this share of its anchor's items.</param>
public sealed record ThemeOptions(
    int MinThemeSize = 5,
    double MaxAnchorShare = 0.5,
    double MergeSimilarity = 0.4,
    int TopTermCount = 3,
    int ExampleCount = 3,
    TimeSpan? TrendWindow = null,
    double MinLift = 2,
    double MergeCooccurrence = 0.25)
{
    /// <summary>Below this many items of an app, <see cref="MaxAnchorShare"/> is not applied.</summary>
    public const int MinItemsForShareCap = 100;

    public static readonly ThemeOptions Default = new();

    public TimeSpan Window => TrendWindow ?? TimeSpan.FromDays(14);
}
