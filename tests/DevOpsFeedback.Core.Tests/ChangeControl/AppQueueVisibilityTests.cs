using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.ChangeControl;

public sealed class AppQueueVisibilityTests
{
    /// <summary>
    /// The bug this pins: a place was numbered first and written later, so a reader could see a later release alone at the
    /// head and admit it while an earlier one was still being written; two releases of one app then ran at once.
    /// </summary>
    [Fact]
    public async Task EnqueueAsync_ConcurrentWithReaders_NoPlaceEverAppearsBelowTheHeadAReaderSaw()
    {
        var queue = new AppQueue(new YieldingStore(new InMemoryDocumentStore()));
        var violations = new ConcurrentBag<string>();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            long seenHead = 0;
            while (!done.IsCancellationRequested)
            {
                var entries = await queue.ListAsync("web", CancellationToken.None);
                if (entries.Length > 0 && entries[0].Sequence < seenHead) violations.Add($"head {entries[0].Sequence} appeared after head {seenHead} was seen");
                if (entries.Length > 0) seenHead = Math.Max(seenHead, entries[0].Sequence);
            }
        });

        var writers = Enumerable.Range(0, 200).Select(i => Task.Run(() => queue.EnqueueAsync("web", $"r{i}", CancellationToken.None)));
        var added = await Task.WhenAll(writers);
        await done.CancelAsync();
        await reader;

        Assert.All(added, Assert.True);
        Assert.Empty(violations);
        var final = await queue.ListAsync("web", CancellationToken.None);
        Assert.Equal(200, final.Length);
        Assert.Equal(200, final.Select(e => e.ReleaseId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), final.Select(e => e.Sequence));
    }

    /// <summary>Yields before every call so concurrent enqueues interleave at every await, as they do against a real store.</summary>
    private sealed class YieldingStore(IDocumentStore inner) : IDocumentStore
    {
        public async Task<Document?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.GetAsync(collection, partition, key, cancellationToken);
        }

        public async Task<bool> TryInsertAsync(string collection, Document document, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.TryInsertAsync(collection, document, cancellationToken);
        }

        public async Task<string> PutAsync(string collection, Document document, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.PutAsync(collection, document, cancellationToken);
        }

        public async Task<bool> DeleteAsync(string collection, string partition, string key, string? etag, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.DeleteAsync(collection, partition, key, etag, cancellationToken);
        }

        public async IAsyncEnumerable<Document> QueryAsync(string collection, string? partition, string? keyFrom, string? keyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            await foreach (var d in inner.QueryAsync(collection, partition, keyFrom, keyTo, cancellationToken)) yield return d;
        }

        public async Task PutBatchAsync(string collection, string partition, IReadOnlyList<Document> documents, CancellationToken cancellationToken)
        {
            await Task.Yield();
            await inner.PutBatchAsync(collection, partition, documents, cancellationToken);
        }
    }
}
