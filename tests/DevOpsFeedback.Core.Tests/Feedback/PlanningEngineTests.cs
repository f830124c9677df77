using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

public sealed class PlanningEngineTests
{
    [Fact]
    public void Plan_Fixture_ProducesOneItemPerSignal()
    {
        var outcome = PlanningEngine.Plan(PlanningTestData.Input());

        Assert.Equal(3, outcome.Themes.Length);
        var kinds = outcome.Items.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, kinds[PlanningItemKind.Theme]);
        Assert.Equal(1, kinds[PlanningItemKind.FixForward]);
        Assert.Equal(1, kinds[PlanningItemKind.PostIncidentReview]);
        Assert.Equal(1, kinds[PlanningItemKind.OverdueAction]);
    }

    [Fact]
    public void Plan_Items_AreRankedWithScoreEqualToItsParts()
    {
        var items = PlanningEngine.Plan(PlanningTestData.Input()).Items;
        Assert.Equal(items.OrderByDescending(i => i.Score).Select(i => i.Key), items.Select(i => i.Key));
        Assert.All(items, i =>
        {
            Assert.Equal(i.ScoreParts.Total, i.Score);
            Assert.InRange(i.Score, 0, 100);
            Assert.NotEmpty(i.Evidence);
            Assert.True(PlanningKeys.IsKey(i.Key));
        });
    }

    [Fact]
    public void Plan_FixForward_CarriesVerdictReasonAndReleaseLink()
    {
        var item = Assert.Single(PlanningEngine.Plan(PlanningTestData.Input()).Items, i => i.Kind == PlanningItemKind.FixForward);
        Assert.Contains("5xx rate 5.7% > 1%", item.Summary, StringComparison.Ordinal);
        Assert.Equal(new EvidenceLink("release", "rel-2", "/api/releases/rel-2", "5xx rate 5.7% > 1%"), Assert.Single(item.Evidence));
        Assert.Equal(PlanningKeys.For(PlanningItemKind.FixForward, "web", "rel-2"), item.Key);
    }

    [Fact]
    public void Plan_LaterRunOnSameSubjects_KeepsKeys()
    {
        var first = PlanningEngine.Plan(PlanningTestData.Input()).Items.Select(i => i.Key).Order().ToList();
        var later = PlanningEngine.Plan(PlanningTestData.Input(PlanningTestData.Now.AddDays(1))).Items.Select(i => i.Key).Order().ToList();
        Assert.Equal(first, later);
    }

    [Fact]
    public void Plan_OverdueAction_OnlyOpenActionsPastDue()
    {
        var item = Assert.Single(PlanningEngine.Plan(PlanningTestData.Input()).Items, i => i.Kind == PlanningItemKind.OverdueAction);
        Assert.Contains("Rehearse migrations", item.Title, StringComparison.Ordinal);
        Assert.Equal("payments", item.Scope);
    }
}
