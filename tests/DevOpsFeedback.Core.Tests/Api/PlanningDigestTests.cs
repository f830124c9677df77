using DevOpsFeedback.Api;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Api;

public sealed class PlanningDigestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Signals(IReadOnlyList<DeploymentRecord> deployments) : IDeliverySignals
    {
        public Task<IReadOnlyList<DeploymentRecord>> GetDeploymentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DeploymentRecord>>([.. deployments.Where(d => d.DeployedAt >= from && d.DeployedAt < to)]);

        public Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IncidentRecord>>([]);
    }

    /// <summary>A board that keeps items by key, as Azure Boards and GitHub Issues do through their tag or label.</summary>
    private sealed class Board(bool fail = false) : IPlanningSink
    {
        public Dictionary<string, PlanningItem> Items { get; } = new(StringComparer.Ordinal);

        public string Name => "board";

        public Task<SinkResult> UpsertAsync(PlanningItem item, CancellationToken cancellationToken)
        {
            if (fail) throw new PlanningSinkException("board", 401, "bad token");
            var created = !Items.ContainsKey(item.Key);
            Items[item.Key] = item;
            return Task.FromResult(new SinkResult(item.Key, null, created));
        }
    }

    private static async Task<InMemoryDocumentStore> StoreWithFeedbackAsync()
    {
        var store = new InMemoryDocumentStore();
        var feedback = Enumerable.Range(0, 25).Select(i => new FeedbackRecord($"f{i:D3}", "web", "1.0.0", false, 2, FeedbackCategory.Bug,
            "Export fails on large reports", $"u{i}", null, Now.AddDays(-3).AddMinutes(i))).ToList();
        await new FeedbackRepository(store).AddAsync(feedback, CancellationToken.None);
        return store;
    }

    private static readonly DeploymentRecord[] RolledBack =
        [new("web", "rel-9", "1.0.0", Now.AddDays(-5), Now.AddDays(-4), DeploymentOutcome.RolledBack, Now.AddDays(-4).AddMinutes(9), "p95 latency doubled")];

    [Fact]
    public async Task RunAsync_WithSink_SavesItemsAndPublishesThemAndARerunUpdatesWithoutDuplicates()
    {
        var store = await StoreWithFeedbackAsync();
        var board = new Board();
        var digest = new PlanningDigest(store, new Signals(RolledBack), board, new FixedTime(Now), TimeSpan.FromDays(28));

        var first = await digest.RunAsync(CancellationToken.None);
        var second = await digest.RunAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.True(first.Items >= 2);
        Assert.Equal((first.Items, 0), (first.Created, first.Updated));
        Assert.Equal((0, first.Items), (second!.Created, second.Updated));
        Assert.Equal(Now.AddDays(-28), first.Since);
        var saved = await new PlanningItemRepository(store).ListAsync(null, CancellationToken.None);
        Assert.Equal(first.Items, saved.Length);
        Assert.Equal(saved.Select(i => i.Key).Order(StringComparer.Ordinal), board.Items.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(saved, i => i.Kind == PlanningItemKind.FixForward);
    }

    [Fact]
    public async Task RunAsync_AfterAnItemWasClosed_NeverPushesItAgain()
    {
        var store = await StoreWithFeedbackAsync();
        var board = new Board();
        var digest = new PlanningDigest(store, new Signals(RolledBack), board, new FixedTime(Now), TimeSpan.FromDays(28));
        var first = await digest.RunAsync(CancellationToken.None);
        var fix = (await new PlanningItemRepository(store).ListAsync(null, CancellationToken.None)).Single(i => i.Kind == PlanningItemKind.FixForward);
        Assert.NotNull(await new PlanningItemRepository(store).SetStatusAsync(fix.Scope, fix.Key, PlanningItemStatus.Closed, CancellationToken.None));
        board.Items.Clear();

        var second = await digest.RunAsync(CancellationToken.None);

        Assert.Equal(first!.Items, second!.Items);
        Assert.Equal(first.Items - 1, second.Updated + second.Created);
        Assert.DoesNotContain(fix.Key, board.Items.Keys);
        Assert.Equal(PlanningItemStatus.Closed, (await new PlanningItemRepository(store).ListAsync(null, CancellationToken.None)).Single(i => i.Key == fix.Key).Status);
    }

    [Fact]
    public async Task RunAsync_WithoutSink_IsOffAndWritesNothing()
    {
        var store = await StoreWithFeedbackAsync();
        var digest = new PlanningDigest(store, new Signals(RolledBack), null, new FixedTime(Now), TimeSpan.FromDays(28));

        Assert.False(digest.IsEnabled);
        Assert.Null(await digest.RunAsync(CancellationToken.None));
        Assert.Empty(await new PlanningItemRepository(store).ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_SinkRefuses_ThrowsTheSinkError()
    {
        var store = await StoreWithFeedbackAsync();
        var digest = new PlanningDigest(store, new Signals(RolledBack), new Board(fail: true), new FixedTime(Now), TimeSpan.FromDays(28));

        var ex = await Assert.ThrowsAsync<PlanningSinkException>(() => digest.RunAsync(CancellationToken.None));
        Assert.Equal(401, ex.Status);
    }
}
