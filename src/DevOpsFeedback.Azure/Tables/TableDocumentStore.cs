using System.Runtime.CompilerServices;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// <see cref="IDocumentStore"/> on one table (<c>{prefix}Documents</c>). PartitionKey = encoded
/// <c>collection + U+0000 + partition</c>, RowKey = encoded key (see <see cref="TableKey"/>), so a collection's
/// partitions are one contiguous key range; the original partition and key are kept as properties and are what
/// reads return. ETags are the service's. A batch is one entity-group transaction (at most 100 documents).
/// </summary>
public sealed class TableDocumentStore : IDocumentStore
{
    private const char Separator = '\u0000';
    private const int BoundChars = 400;
    private const int MaxCollectionChars = 100;

    private readonly TableStorageClient _client;
    private readonly string _table;
    private volatile bool _created;

    public TableDocumentStore(TableStorageClient client, TableStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _table = TableNames.Require(options.TablePrefix + "Documents", nameof(options.TablePrefix));
    }

    public async Task<Document?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken)
    {
        var (pk, rk) = Keys(collection, partition, key);
        await EnsureTableAsync(cancellationToken);
        var entity = await _client.GetEntityAsync(_table, pk, rk, cancellationToken);
        return entity is null ? null : ToDocument(entity);
    }

    public async Task<bool> TryInsertAsync(string collection, Document document, CancellationToken cancellationToken)
    {
        var entity = ToEntity(collection, document);
        await EnsureTableAsync(cancellationToken);
        try
        {
            await _client.InsertEntityAsync(_table, entity, cancellationToken);
            return true;
        }
        catch (TableStorageException e) when (e.Status == 409 && e.ErrorCode == "EntityAlreadyExists")
        {
            return false;
        }
    }

    public async Task<string> PutAsync(string collection, Document document, CancellationToken cancellationToken)
    {
        var entity = ToEntity(collection, document);
        await EnsureTableAsync(cancellationToken);
        if (document.ETag is null)
        {
            return await _client.UpsertEntityAsync(_table, entity, TableUpdateMode.Replace, cancellationToken);
        }

        try
        {
            return await _client.UpdateEntityAsync(_table, entity, document.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (TableStorageException e) when (e.Status is 412 or 404)
        {
            throw new ConcurrencyConflictException($"{collection}/{document.Partition}/{document.Key} changed since it was read", e);
        }
    }

    public async Task<bool> DeleteAsync(string collection, string partition, string key, string? etag, CancellationToken cancellationToken)
    {
        var (pk, rk) = Keys(collection, partition, key);
        await EnsureTableAsync(cancellationToken);
        try
        {
            return await _client.DeleteEntityAsync(_table, pk, rk, etag ?? "*", cancellationToken);
        }
        catch (TableStorageException e) when (e.Status == 412)
        {
            throw new ConcurrencyConflictException($"{collection}/{partition}/{key} changed since it was read", e);
        }
    }

    public async IAsyncEnumerable<Document> QueryAsync(string collection, string? partition, string? keyFrom, string? keyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RequireCollection(collection);
        string? filter;
        if (partition is not null)
        {
            filter = TableFilter.Format($"PartitionKey eq {TableKey.Encode(collection + Separator + partition)}");
        }
        else
        {
            // Every partition of the collection: [enc(c + U+0000), enc(c + U+0001)), exact because the encoding keeps order and prefixes.
            filter = TableFilter.Format($"PartitionKey ge {LowerBound(collection + Separator)} and PartitionKey lt {TableKey.Encode(collection + '\u0001')}");
        }

        if (keyFrom is not null) filter = TableFilter.And(filter, TableFilter.Format($"RowKey ge {LowerBound(keyFrom)}"));
        if (keyTo is not null && UpperBound(keyTo) is { } upper) filter = TableFilter.And(filter, TableFilter.Format($"RowKey lt {upper}"));

        await EnsureTableAsync(cancellationToken);
        await foreach (var entity in _client.QueryAsync(_table, filter, pageSize: null, select: null, cancellationToken))
        {
            var doc = ToDocument(entity);
            // The server bounds are a superset for shortened (hashed) keys; the originals decide.
            if (partition is not null && doc.Partition != partition) continue;
            if (keyFrom is not null && string.CompareOrdinal(doc.Key, keyFrom) < 0) continue;
            if (keyTo is not null && string.CompareOrdinal(doc.Key, keyTo) >= 0) continue;
            if (!ToCollection(entity).Equals(collection, StringComparison.Ordinal)) continue;
            yield return doc;
        }
    }

    public async Task PutBatchAsync(string collection, string partition, IReadOnlyList<Document> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Any(d => d.Partition != partition))
        {
            throw new ArgumentException("every document of a batch must be in the batch's partition", nameof(documents));
        }

        if (documents.Count > TableStorageClient.MaxTransactionActions)
        {
            throw new ArgumentException($"a batch holds at most {TableStorageClient.MaxTransactionActions} documents to stay atomic on Table storage, not {documents.Count}", nameof(documents));
        }

        if (documents.Count == 0) return;
        // Last write of a key wins, as in the other stores; a transaction may touch an entity only once.
        var distinct = documents.GroupBy(d => d.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var actions = distinct.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(collection, d))).ToList();
        await EnsureTableAsync(cancellationToken);
        await _client.SubmitTransactionAsync(_table, actions, cancellationToken);
    }

    // Idempotent, so racing first calls are harmless; a failed attempt is retried by the next call.
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created) return;
        await _client.CreateTableIfNotExistsAsync(_table, cancellationToken);
        _created = true;
    }

    private static (string PartitionKey, string RowKey) Keys(string collection, string partition, string key)
    {
        RequireCollection(collection);
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return (TableKey.Encode(collection + Separator + partition), TableKey.Encode(key));
    }

    private static void RequireCollection(string collection)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        if (collection.Contains(Separator, StringComparison.Ordinal) || collection.Contains('\u0001', StringComparison.Ordinal))
        {
            throw new ArgumentException("collection must not contain U+0000 or U+0001", nameof(collection));
        }

        // Short collections keep the all-partitions range bounds exact (never shortened by hashing).
        if (collection.Length > MaxCollectionChars)
        {
            throw new ArgumentException($"collection is {collection.Length} characters; at most {MaxCollectionChars}", nameof(collection));
        }
    }

    private static TableEntity ToEntity(string collection, Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (pk, rk) = Keys(collection, document.Partition, document.Key);
        var entity = new TableEntity(pk, rk)
            .With("Collection", collection)
            .With("Partition", document.Partition)
            .With("Key", document.Key);
        return TableText.Write(entity, "Json", document.Json, "document.Json");
    }

    private static Document ToDocument(TableEntity entity) =>
        new(entity.RequireString("Partition"), entity.RequireString("Key"), TableText.Read(entity, "Json"), entity.ETag);

    private static string ToCollection(TableEntity entity) => entity.RequireString("Collection");

    // A prefix of the encoded bound is never above the encoding of any key at or after the bound.
    private static string LowerBound(string value)
    {
        var encoded = TableKey.Encode(value);
        if (TableKey.IsHashed(encoded)) encoded = encoded[..encoded.IndexOf("~~", StringComparison.Ordinal)];
        return encoded.Length <= BoundChars ? encoded : encoded[..(char.IsHighSurrogate(encoded[BoundChars - 1]) ? BoundChars - 1 : BoundChars)];
    }

    // Exact for short bounds; long bounds are left to the client-side filter.
    private static string? UpperBound(string value)
    {
        var encoded = TableKey.Encode(value);
        return encoded.Length <= BoundChars ? encoded : null;
    }
}
