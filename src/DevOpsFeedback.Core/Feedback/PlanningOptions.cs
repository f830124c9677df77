namespace DevOpsFeedback.Feedback;

/// <summary>Tuning of <see cref="PlanningEngine"/>.</summary>
/// <param name="MinThemeReports">A theme with at least this many reports becomes an item.</param>
/// <param name="RisingFactor">A theme whose recent window has this many times the previous one is worsening.</param>
/// <param name="MinRecentReports">…and at least this many recent reports.</param>
/// <param name="ReachSaturation">Users (or reports) at which reach is full.</param>
/// <param name="AgeSaturation">Age at which the age part is full.</param>
public sealed record PlanningOptions(
    ThemeOptions? Themes = null,
    int MinThemeReports = 20,
    double RisingFactor = 1.5,
    int MinRecentReports = 5,
    int ReachSaturation = 1000,
    TimeSpan? AgeSaturation = null)
{
    public static readonly PlanningOptions Default = new();

    public ThemeOptions ThemeSettings => Themes ?? ThemeOptions.Default;

    public TimeSpan AgeFull => AgeSaturation ?? TimeSpan.FromDays(90);
}
