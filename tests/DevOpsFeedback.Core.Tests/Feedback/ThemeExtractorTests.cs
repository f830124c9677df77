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
    public void Extract_SubjectsMixedWithFillerWords_GiveOneThemePerSubjectAndNoneForTheFiller()
    {
        // 4 subjects × 60 items; each item draws its words from its subject (60%) or from common filler (40%), as people
        // write. Filler is as widespread as a subject's words but keeps no company, and an item that names only one of its
        // subject's words ("limit", not "upload") still belongs to that subject.
        string[][] subjects = [["upload", "attachment", "size", "limit", "fails"], ["checkout", "payment", "card", "declined", "retry"],
            ["search", "results", "filter", "relevance", "slow"], ["notification", "email", "digest", "duplicate", "unsubscribe"]];
        string[] filler = ["annoying", "morning", "customers", "team", "week", "broken", "great", "quickly", "problem", "feature", "users", "page"];
        var random = new Random(42);
        var records = new List<FeedbackRecord>();
        var subjectOf = new Dictionary<string, int>();
        for (var i = 0; i < 240; i++)
        {
            var subject = i % 4;
            var words = Enumerable.Range(0, 4 + random.Next(5))
                .Select(_ => random.NextDouble() < 0.6 ? subjects[subject][random.Next(5)] : filler[random.Next(filler.Length)]);
            records.Add(new FeedbackRecord($"f{i:D3}", "web", null, false, null, FeedbackCategory.Bug, string.Join(' ', words), null, null, Now.AddHours(-i)));
            subjectOf[$"f{i:D3}"] = subject;
        }

        var themes = ThemeExtractor.Extract(records, Now, ThemeOptions.Default with { ExampleCount = 240 });

        Assert.Equal(4, themes.Length);
        Assert.All(themes, t => Assert.Single(t.Examples.Select(e => subjectOf[e.FeedbackId]).Distinct()));
        Assert.All(themes, t => Assert.InRange(t.Count, 50, 60));
        Assert.All(themes, t => Assert.DoesNotContain(t.TopTerms, filler.Contains));
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
