using System.Runtime.CompilerServices;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Feedback;

/// <summary>Retrospectives in the <c>retrospectives</c> collection: partition = team, key = time + id.</summary>
public sealed class RetrospectiveRepository(IDocumentStore store)
{
    public const string Collection = "retrospectives";

    /// <summary>Stores a new retrospective; false when one with the same id and time exists already.</summary>
    public Task<bool> AddAsync(RetrospectiveRecord record, CancellationToken cancellationToken) =>
        store.TryInsertAsync(Collection, ToDocument(record), cancellationToken);

    public async IAsyncEnumerable<RetrospectiveRecord> QueryAsync(
        string? team, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = team is null ? null : StorageKeys.Partition(team, "team");
        var from = since is null ? null : StorageKeys.Stamp(since.Value);
        await foreach (var doc in store.QueryAsync(Collection, partition, from, null, cancellationToken))
        {
            yield return FeedbackJson.Deserialize<RetrospectiveRecord>(doc.Json, "retrospective");
        }
    }

    /// <summary>
    /// Marks action <paramref name="itemIndex"/> of a stored retrospective done (optimistic concurrency).
    /// Returns false when the retrospective is unknown; throws when the index is not an action.
    /// </summary>
    public async Task<bool> CompleteActionAsync(string team, string id, DateTimeOffset receivedAt, int itemIndex, DateOnly completedOn, CancellationToken cancellationToken)
    {
        var partition = StorageKeys.Partition(team, "team");
        var doc = await store.GetAsync(Collection, partition, StorageKeys.TimeKey(receivedAt, id), cancellationToken);
        if (doc is null) return false;

        var record = FeedbackJson.Deserialize<RetrospectiveRecord>(doc.Json, "retrospective");
        if (itemIndex < 0 || itemIndex >= record.Items.Length || record.Items[itemIndex].Kind != RetrospectiveItemKind.Action)
        {
            throw new ArgumentOutOfRangeException(nameof(itemIndex), itemIndex, "not an action of this retrospective");
        }

        var updated = record with { Items = record.Items.SetItem(itemIndex, record.Items[itemIndex] with { CompletedOn = completedOn }) };
        await store.PutAsync(Collection, ToDocument(updated) with { ETag = doc.ETag }, cancellationToken);
        return true;
    }

    private static Document ToDocument(RetrospectiveRecord record) =>
        new(StorageKeys.Partition(record.Team, "team"), StorageKeys.TimeKey(record.ReceivedAt, record.Id), FeedbackJson.Serialize(record));
}
