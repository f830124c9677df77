using System.Runtime.CompilerServices;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Feedback in the <c>feedback</c> collection: partition = app, key = <see cref="StorageKeys.TimeKey"/>, so a
/// time range of one app is one key-range query.
/// </summary>
public sealed class FeedbackRepository(IDocumentStore store)
{
    public const string Collection = "feedback";

    /// <summary>Rows per atomic batch (Azure Table storage allows 100 per entity group transaction).</summary>
    public const int BatchSize = 100;

    /// <summary>
    /// Stores records, one atomic batch per app and per <see cref="BatchSize"/> rows. A failure part way through a
    /// multi-app or &gt;100-row request leaves the earlier batches stored; a retry of the same records rewrites
    /// them in place (same keys), so nothing is duplicated.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<FeedbackRecord> records, CancellationToken cancellationToken)
    {
        foreach (var group in records.GroupBy(r => r.App, StringComparer.Ordinal))
        {
            var partition = StorageKeys.Partition(group.Key, "app");
            foreach (var chunk in group.Chunk(BatchSize))
            {
                var docs = chunk.Select(r => new Document(partition, StorageKeys.TimeKey(r.ReceivedAt, r.Id), FeedbackJson.Serialize(r))).ToList();
                await store.PutBatchAsync(Collection, partition, docs, cancellationToken);
            }
        }
    }

    /// <summary>Feedback of one app (or all when null) received in [since, until), oldest first per app.</summary>
    public async IAsyncEnumerable<FeedbackRecord> QueryAsync(
        string? app, DateTimeOffset? since, DateTimeOffset? until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = app is null ? null : StorageKeys.Partition(app, "app");
        var from = since is null ? null : StorageKeys.Stamp(since.Value);
        var to = until is null ? null : StorageKeys.Stamp(until.Value);
        await foreach (var doc in store.QueryAsync(Collection, partition, from, to, cancellationToken))
        {
            yield return FeedbackJson.Deserialize<FeedbackRecord>(doc.Json, "feedback");
        }
    }
}
