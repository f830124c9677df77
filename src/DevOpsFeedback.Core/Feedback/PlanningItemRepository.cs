using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Planning items in the <c>planning-items</c> collection: partition = scope (app or team), key = the item's
/// stable key. Saving an item whose key exists updates it in place (keeping its status and first-seen time), so a
/// re-run never duplicates an item.
/// </summary>
public sealed class PlanningItemRepository(IDocumentStore store)
{
    public const string Collection = "planning-items";

    /// <summary>Creates or updates each item; returns how many were created and how many updated.</summary>
    public async Task<(int Created, int Updated)> SaveAsync(IEnumerable<PlanningItem> items, CancellationToken cancellationToken)
    {
        int created = 0, updated = 0;
        foreach (var item in items)
        {
            if (await SaveOneAsync(item, cancellationToken)) created++;
            else updated++;
        }

        return (created, updated);
    }

    /// <summary>Items of one scope (or all), best score first; with <paramref name="updatedSince"/>, only those a run wrote since.</summary>
    public async Task<ImmutableArray<PlanningItem>> ListAsync(string? scope, CancellationToken cancellationToken, DateTimeOffset? updatedSince = null)
    {
        var partition = scope is null ? null : StorageKeys.Partition(scope, "scope");
        var items = new List<PlanningItem>();
        await foreach (var doc in store.QueryAsync(Collection, partition, null, null, cancellationToken))
        {
            var item = FeedbackJson.Deserialize<PlanningItem>(doc.Json, "planning item");
            if (updatedSince is null || item.UpdatedAt >= updatedSince) items.Add(item);
        }

        return [.. items.OrderByDescending(i => i.Score).ThenBy(i => i.Key, StringComparer.Ordinal)];
    }

    /// <summary>Sets an item's status (e.g. closed when done); returns the item as saved, or null when no such item.</summary>
    public async Task<PlanningItem?> SetStatusAsync(string scope, string key, PlanningItemStatus status, CancellationToken cancellationToken)
    {
        var doc = await store.GetAsync(Collection, StorageKeys.Partition(scope, "scope"), CheckedKey(key), cancellationToken);
        if (doc is null) return null;
        var item = FeedbackJson.Deserialize<PlanningItem>(doc.Json, "planning item") with { Status = status };
        await store.PutAsync(Collection, doc with { Json = FeedbackJson.Serialize(item) }, cancellationToken);
        return item;
    }

    private async Task<bool> SaveOneAsync(PlanningItem item, CancellationToken cancellationToken)
    {
        var partition = StorageKeys.Partition(item.Scope, "scope");
        var key = CheckedKey(item.Key);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await store.GetAsync(Collection, partition, key, cancellationToken);
            if (existing is null)
            {
                if (await store.TryInsertAsync(Collection, new Document(partition, key, FeedbackJson.Serialize(item)), cancellationToken)) return true;
                continue;
            }

            var old = FeedbackJson.Deserialize<PlanningItem>(existing.Json, "planning item");
            var merged = item with
            {
                Status = old.Status,
                FirstSeen = old.FirstSeen < item.FirstSeen ? old.FirstSeen : item.FirstSeen,
            };
            try
            {
                await store.PutAsync(Collection, existing with { Json = FeedbackJson.Serialize(merged) }, cancellationToken);
                return false;
            }
            catch (ConcurrencyConflictException) when (attempt < 2)
            {
                // Another run wrote the item between our read and write: read it again and merge once more.
            }
        }

        throw new ConcurrencyConflictException($"planning item {item.Scope}/{item.Key} kept changing while it was saved");
    }

    private static string CheckedKey(string key) =>
        PlanningKeys.IsKey(key) ? key : throw new ArgumentException("a planning key holds only [a-z0-9-], at most 64 characters", nameof(key));
}
