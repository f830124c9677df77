using DevOpsFeedback.Feedback;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Feedback;

public sealed class PlanningReportTests
{
    [Fact]
    public void Render_Fixture_HasDoraThemesAndItems()
    {
        var md = PlanningReport.Render(PlanningEngine.Plan(PlanningTestData.Input()));
        Assert.Contains("## DORA metrics", md, StringComparison.Ordinal);
        Assert.Contains("| web |", md, StringComparison.Ordinal);
        Assert.Contains("## Top themes", md, StringComparison.Ordinal);
        Assert.Contains("> ", md, StringComparison.Ordinal);
        Assert.Contains("Fix forward: web 1\\.1\\.0 rolled back", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileText_IsEscaped()
    {
        var records = Enumerable.Range(0, 6).Select(i => new FeedbackRecord($"f{i}", "web", null, false, 1, FeedbackCategory.Bug,
            "checkout <script>alert(1)</script> **broken** [x](http://evil) | col\n# heading", null, null, PlanningTestData.Now.AddDays(-1))).ToList();
        var outcome = PlanningEngine.Plan(new PlanningInput(records, [], [], [], PlanningTestData.Since, PlanningTestData.Now));

        var md = PlanningReport.Render(outcome);

        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("**broken**", md, StringComparison.Ordinal);
        Assert.DoesNotContain("[x](http://evil)", md, StringComparison.Ordinal);
        Assert.DoesNotContain("\n# heading", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a*b_c", "a\\*b\\_c")]
    [InlineData("<b>&", "&lt;b&gt;&amp;")]
    [InlineData("line\nnext|x", "line next\\|x")]
    [InlineData("plain words", "plain words")]
    public void Escape_MarkdownSpecials_AreNeutralised(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(text));
    }

    [Fact]
    public async Task PlanningRun_FromStore_SavesItemsOnceAcrossRuns()
    {
        var store = new InMemoryDocumentStore();
        var input = PlanningTestData.Input();
        await new FeedbackRepository(store).AddAsync(input.Feedback, CancellationToken.None);
        await new RetrospectiveRepository(store).AddAsync(input.Retrospectives[0], CancellationToken.None);
        var run = new PlanningRun(store, new ListDeliverySignals(input.Deployments, input.Incidents));

        var first = await run.RunAsync(null, input.Since, input.Now, save: true, CancellationToken.None);
        await run.RunAsync(null, input.Since, input.Now.AddDays(1), save: true, CancellationToken.None);

        Assert.Equal(PlanningEngine.Plan(input).Items.Select(i => i.Key), first.Items.Select(i => i.Key));
        Assert.Equal(first.Items.Length, (await new PlanningItemRepository(store).ListAsync(null, CancellationToken.None)).Length);
    }

    private sealed class ListDeliverySignals(IReadOnlyList<DeploymentRecord> deployments, IReadOnlyList<IncidentRecord> incidents) : IDeliverySignals
    {
        public Task<IReadOnlyList<DeploymentRecord>> GetDeploymentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DeploymentRecord>>([.. deployments.Where(d => (app is null || d.App == app) && d.DeployedAt >= from && d.DeployedAt < to)]);

        public Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IncidentRecord>>([.. incidents.Where(i => (app is null || i.App == app) && i.FiredAt >= from && i.FiredAt < to)]);
    }
}
