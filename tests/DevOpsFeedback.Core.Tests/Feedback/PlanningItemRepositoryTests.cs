using DevOpsFeedback.Feedback;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Feedback;

public sealed class PlanningItemRepositoryTests
{
    [Fact]
    public async Task SaveAsync_RepeatedRuns_UpdateNeverDuplicate()
    {
        var store = new InMemoryDocumentStore();
        var repository = new PlanningItemRepository(store);
        var items = PlanningEngine.Plan(PlanningTestData.Input()).Items;

        var first = await repository.SaveAsync(items, CancellationToken.None);
        var second = await repository.SaveAsync(items, CancellationToken.None);
        var later = await repository.SaveAsync(PlanningEngine.Plan(PlanningTestData.Input(PlanningTestData.Now.AddDays(3))).Items, CancellationToken.None);

        Assert.Equal((items.Length, 0), first);
        Assert.Equal((0, items.Length), second);
        Assert.Equal((0, items.Length), later);
        var stored = await repository.ListAsync(null, CancellationToken.None);
        Assert.Equal(items.Length, stored.Length);
        Assert.Equal(items.Select(i => i.Key).Order(), stored.Select(i => i.Key).Order());
        Assert.All(stored, i => Assert.Equal(PlanningTestData.Now.AddDays(3), i.UpdatedAt));
    }

    [Fact]
    public async Task SaveAsync_ClosedItem_KeepsStatusAndFirstSeen()
    {
        var repository = new PlanningItemRepository(new InMemoryDocumentStore());
        var item = PlanningEngine.Plan(PlanningTestData.Input()).Items[0];
        await repository.SaveAsync([item], CancellationToken.None);
        Assert.NotNull(await repository.SetStatusAsync(item.Scope, item.Key, PlanningItemStatus.Closed, CancellationToken.None));

        await repository.SaveAsync([item with { FirstSeen = item.FirstSeen.AddDays(5), Score = 1 }], CancellationToken.None);

        var stored = Assert.Single(await repository.ListAsync(item.Scope, CancellationToken.None));
        Assert.Equal(PlanningItemStatus.Closed, stored.Status);
        Assert.Equal(item.FirstSeen, stored.FirstSeen);
        Assert.Equal(1, stored.Score);
    }

    [Fact]
    public async Task ListAsync_UpdatedSince_ReturnsOnlyItemsWrittenSince()
    {
        var repository = new PlanningItemRepository(new InMemoryDocumentStore());
        var items = PlanningEngine.Plan(PlanningTestData.Input()).Items;
        await repository.SaveAsync(items, CancellationToken.None);
        await repository.SaveAsync([items[0] with { UpdatedAt = PlanningTestData.Now.AddDays(2) }], CancellationToken.None);

        var recent = await repository.ListAsync(null, CancellationToken.None, PlanningTestData.Now.AddDays(1));

        Assert.Equal(items[0].Key, Assert.Single(recent).Key);
    }

    [Fact]
    public async Task SetStatusAsync_UnknownItem_ReturnsNull()
    {
        var repository = new PlanningItemRepository(new InMemoryDocumentStore());
        Assert.Null(await repository.SetStatusAsync("web", "theme-0000", PlanningItemStatus.Closed, CancellationToken.None));
    }

    [Theory]
    [InlineData("web", "Theme-ABC")]
    [InlineData("web", "theme/../x")]
    [InlineData("w eb", "theme-1")]
    public async Task SetStatusAsync_UnsafeKeyOrScope_Throws(string scope, string key)
    {
        var repository = new PlanningItemRepository(new InMemoryDocumentStore());
        await Assert.ThrowsAsync<ArgumentException>(() => repository.SetStatusAsync(scope, key, PlanningItemStatus.Closed, CancellationToken.None));
    }
}
