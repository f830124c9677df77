using System.Runtime.CompilerServices;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Storage;

/// <summary>Documents in memory: for virtual time and tests. Thread-safe.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<(string Collection, string Partition, string Key), Document> _docs = new(KeyComparer.Instance);
    private long _etag;

    public Task<Document?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_docs.GetValueOrDefault((collection, partition, key)));
        }
    }

    public Task<bool> TryInsertAsync(string collection, Document document, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var id = (collection, document.Partition, document.Key);
            if (_docs.ContainsKey(id)) return Task.FromResult(false);
            _docs[id] = document with { ETag = NextETag() };
            return Task.FromResult(true);
        }
    }

    public Task<string> PutAsync(string collection, Document document, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var id = (collection, document.Partition, document.Key);
            if (document.ETag is not null && (!_docs.TryGetValue(id, out var old) || old.ETag != document.ETag))
            {
                throw new ConcurrencyConflictException($"{collection}/{document.Partition}/{document.Key} changed since it was read");
            }

            var etag = NextETag();
            _docs[id] = document with { ETag = etag };
            return Task.FromResult(etag);
        }
    }

    public Task<bool> DeleteAsync(string collection, string partition, string key, string? etag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var id = (collection, partition, key);
            if (!_docs.TryGetValue(id, out var old)) return Task.FromResult(false);
            if (etag is not null && old.ETag != etag)
            {
                throw new ConcurrencyConflictException($"{collection}/{partition}/{key} changed since it was read");
            }

            return Task.FromResult(_docs.Remove(id));
        }
    }

    public async IAsyncEnumerable<Document> QueryAsync(string collection, string? partition, string? keyFrom, string? keyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<Document> page;
        lock (_gate)
        {
            page = _docs
                .Where(kv => kv.Key.Collection == collection
                    && (partition is null || kv.Key.Partition == partition)
                    && (keyFrom is null || string.CompareOrdinal(kv.Key.Key, keyFrom) >= 0)
                    && (keyTo is null || string.CompareOrdinal(kv.Key.Key, keyTo) < 0))
                .Select(kv => kv.Value)
                .ToList();
        }

        foreach (var doc in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return doc;
        }

        await Task.CompletedTask;
    }

    public Task PutBatchAsync(string collection, string partition, IReadOnlyList<Document> documents, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (documents.Any(d => d.Partition != partition))
            {
                throw new ArgumentException("every document of a batch must be in the batch's partition", nameof(documents));
            }

            foreach (var d in documents)
            {
                _docs[(collection, partition, d.Key)] = d with { ETag = NextETag() };
            }

            return Task.CompletedTask;
        }
    }

    private string NextETag() => $"W/\"{++_etag}\"";

    private sealed class KeyComparer : IComparer<(string Collection, string Partition, string Key)>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare((string Collection, string Partition, string Key) x, (string Collection, string Partition, string Key) y)
        {
            var c = string.CompareOrdinal(x.Collection, y.Collection);
            if (c != 0) return c;
            c = string.CompareOrdinal(x.Partition, y.Partition);
            return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
