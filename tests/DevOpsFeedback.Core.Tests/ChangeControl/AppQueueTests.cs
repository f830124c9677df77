using DevOpsFeedback.Storage;

namespace DevOpsFeedback.ChangeControl;

public sealed class AppQueueTests
{
    private readonly AppQueue _queue = new(new InMemoryDocumentStore());

    private async Task<string[]> IdsAsync(string app) => [.. (await _queue.ListAsync(app, default)).Select(e => e.ReleaseId)];

    [Fact]
    public async Task ListAsync_SeveralEnqueued_KeepsArrivalOrder()
    {
        foreach (var id in new[] { "r3", "r1", "r2" }) Assert.True(await _queue.EnqueueAsync("web", id, default));
        Assert.Equal(["r3", "r1", "r2"], await IdsAsync("web"));
        Assert.Equal("r3", (await _queue.HeadAsync("web", default))?.ReleaseId);
        var sequences = (await _queue.ListAsync("web", default)).Select(e => e.Sequence).ToArray();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task EnqueueAsync_SameReleaseTwice_QueuesItOnce()
    {
        Assert.True(await _queue.EnqueueAsync("web", "r1", default));
        Assert.True(await _queue.EnqueueAsync("web", "r2", default));
        Assert.False(await _queue.EnqueueAsync("web", "r1", default));
        Assert.Equal(["r1", "r2"], await IdsAsync("web"));
    }

    [Fact]
    public async Task RemoveAsync_Head_LetsTheNextRun()
    {
        await _queue.EnqueueAsync("web", "r1", default);
        await _queue.EnqueueAsync("web", "r2", default);
        await _queue.RemoveAsync("web", "r1", default);
        Assert.Equal("r2", (await _queue.HeadAsync("web", default))?.ReleaseId);
        await _queue.RemoveAsync("web", "r2", default);
        Assert.Null(await _queue.HeadAsync("web", default));
    }

    [Fact]
    public async Task RemoveAsync_UnknownRelease_ChangesNothing()
    {
        await _queue.EnqueueAsync("web", "r1", default);
        await _queue.RemoveAsync("web", "nope", default);
        await _queue.RemoveAsync("api", "r1", default);
        Assert.Equal(["r1"], await IdsAsync("web"));
    }

    [Fact]
    public async Task EnqueueAsync_AfterRemoval_GoesToTheBack()
    {
        await _queue.EnqueueAsync("web", "r1", default);
        await _queue.EnqueueAsync("web", "r2", default);
        await _queue.RemoveAsync("web", "r1", default);
        Assert.True(await _queue.EnqueueAsync("web", "r1", default));
        Assert.Equal(["r2", "r1"], await IdsAsync("web"));
    }

    [Fact]
    public async Task ListAsync_TwoApps_AreSeparateQueues()
    {
        await _queue.EnqueueAsync("web", "w1", default);
        await _queue.EnqueueAsync("api", "a1", default);
        await _queue.EnqueueAsync("web", "w2", default);
        Assert.Equal(["w1", "w2"], await IdsAsync("web"));
        Assert.Equal(["a1"], await IdsAsync("api"));
    }

    [Fact]
    public async Task EnqueueAsync_ManyHostsAtOnce_EveryReleaseGetsItsOwnPlace()
    {
        var ids = Enumerable.Range(0, 64).Select(i => $"r{i:D2}").ToArray();
        using var start = new ManualResetEventSlim();
        var tasks = ids.Select(id => Task.Run(async () =>
        {
            start.Wait();
            return await _queue.EnqueueAsync("web", id, default);
        })).ToArray();
        start.Set();
        Assert.All(await Task.WhenAll(tasks), Assert.True);

        var entries = await _queue.ListAsync("web", default);
        Assert.Equal(ids.Order(StringComparer.Ordinal), entries.Select(e => e.ReleaseId).Order(StringComparer.Ordinal));
        Assert.Equal(entries.Length, entries.Select(e => e.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task EnqueueAsync_SameReleaseFromManyHostsAtOnce_QueuesItOnce()
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await _queue.EnqueueAsync("web", "r1", default);
        })).ToArray();
        start.Set();
        Assert.Single(await Task.WhenAll(tasks), added => added);
        Assert.Equal(["r1"], await IdsAsync("web"));
    }
}
