namespace DevOpsFeedback.Ports;

/// <summary>
/// Small JSON documents in named collections, keyed by (partition, key), with ETag concurrency.
/// The per-app queue, change windows, alert de-duplication, feedback, retrospectives and planning items
/// are typed repositories in Core over this one port, so each backing store implements it once.
/// Keys are any non-empty strings up to 512 characters; the store encodes what its backend forbids.
/// </summary>
public interface IDocumentStore
{
    Task<Document?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken);

    /// <summary>Creates the document; returns false (and changes nothing) when it exists already.</summary>
    Task<bool> TryInsertAsync(string collection, Document document, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the document. With <see cref="Document.ETag"/> null it is an upsert; otherwise it replaces only
    /// when the stored ETag matches, else throws <see cref="ConcurrencyConflictException"/>. Returns the new ETag.
    /// </summary>
    Task<string> PutAsync(string collection, Document document, CancellationToken cancellationToken);

    /// <summary>Deletes when present (and, with an ETag, when it matches). Returns false when absent.</summary>
    Task<bool> DeleteAsync(string collection, string partition, string key, string? etag, CancellationToken cancellationToken);

    /// <summary>
    /// Documents of one partition (or of all partitions when <paramref name="partition"/> is null) whose key is in
    /// [<paramref name="keyFrom"/>, <paramref name="keyTo"/>) (ordinal; nulls are open ends), ordered by partition then key.
    /// </summary>
    IAsyncEnumerable<Document> QueryAsync(string collection, string? partition, string? keyFrom, string? keyTo, CancellationToken cancellationToken);

    /// <summary>Writes several documents of one partition atomically (all or none); upserts.</summary>
    Task PutBatchAsync(string collection, string partition, IReadOnlyList<Document> documents, CancellationToken cancellationToken);
}

/// <summary>A stored document. <see cref="Json"/> is opaque to the store.</summary>
public sealed record Document(string Partition, string Key, string Json, string? ETag = null);
