using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

public sealed class ThemeExtractorTests
{
    private static readonly DateTimeOffset Now = FeedbackTestData.Start.AddDays(30);

    [Fact]
    public void Extract_ThreeSubjects_FindsOneThemePerSubjectNamedByTopTerms()
    {
        var themes = ThemeExtractor.Extract(FeedbackTestData.Corpus(), Now);

        // "Add dark mode to reports viewer" shares "report" with the export subject, its most widespread term.
        Assert.Equal(3, themes.Length);
        Assert.Equal(125 - 5, themes.Sum(t => t.Count));
        Assert.All(themes, t => Assert.InRange(t.Count, 30, 50));
        Assert.Contains(themes, t => t.TopTerms.Contains("export") && t.TopTerms.Contains("report"));
        Assert.Contains(themes, t => t.TopTerms.Contains("login"));
        Assert.Contains(themes, t => t.TopTerms.Contains("dark") && t.TopTerms.Contains("mode"));
    }

    [Fact]
    public void Extract_ShuffledInputAndRepeatedRuns_GiveIdenticalThemes()
    {
        var corpus = FeedbackTestData.Corpus();
        var first = ThemeExtractor.Extract(corpus, Now);
        var again = ThemeExtractor.Extract(corpus, Now);
        var shuffled = ThemeExtractor.Extract(corpus.OrderBy(_ => Random.Shared.Next()).ToList(), Now);
        var reversed = ThemeExtractor.Extract(Enumerable.Reverse(corpus).ToList(), Now);

        Assert.Equal(first.ToArray(), again.ToArray());
        Assert.Equal(first.ToArray(), shuffled.ToArray());
        Assert.Equal(first.ToArray(), reversed.ToArray());
    }

    [Fact]
    public void Extract_MaskedPlaceholders_AreNotTerms()
    {
        var records = Enumerable.Range(0, 10)
            .Select(i => new FeedbackRecord($"f{i}", "web", null, false, null, FeedbackCategory.Bug, $"contact [EMAIL] or [PHONE] about billing {i}", null, null, Now.AddDays(-1)))
            .ToList();
        var theme = Assert.Single(ThemeExtractor.Extract(records, Now));
        Assert.DoesNotContain("email", theme.TopTerms);
        Assert.DoesNotContain("phone", theme.TopTerms);
        Assert.Contains("billing", theme.TopTerms);
    }

    [Fact]
    public void Extract_TrendWindows_CountRecentAndPrevious()
    {
        var records = Enumerable.Range(0, 12)
            .Select(i => new FeedbackRecord($"f{i}", "web", null, false, null, FeedbackCategory.Bug, "checkout button broken",
                null, null, i < 9 ? Now.AddDays(-1 - i) : Now.AddDays(-20)))
            .ToList();
        var theme = Assert.Single(ThemeExtractor.Extract(records, Now));
        Assert.Equal((9, 3), (theme.RecentCount, theme.PreviousCount));
        Assert.Equal(3, theme.Examples.Length);
        Assert.Equal("f0", theme.Examples[0].FeedbackId);
    }

    [Fact]
    public void Extract_FewerItemsThanMinimum_NoTheme()
    {
        var records = Enumerable.Range(0, 4)
            .Select(i => new FeedbackRecord($"f{i}", "web", null, false, null, FeedbackCategory.Bug, "checkout button broken", null, null, Now.AddDays(-1)))
            .ToList();
        Assert.Empty(ThemeExtractor.Extract(records, Now));
    }
}
