using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.ChangeControl;

/// <summary>One queued release of an app. <see cref="Sequence"/> is the arrival order.</summary>
public sealed record QueueEntry(string App, string ReleaseId, long Sequence);

/// <summary>
/// The per-app FIFO of releases over <see cref="IDocumentStore"/>: the head runs, the rest wait; a release is
/// queued once however often it is submitted. Arrival order comes from a per-app counter written with ETag
/// concurrency, so two hosts enqueueing at once still get distinct, ordered places.
/// </summary>
public sealed class AppQueue(IDocumentStore store)
{
    public const string Collection = "app-queue";
    private const string CounterKey = "~counter";
    private const string MemberPrefix = "m:";
    private const string SlotPrefix = "q:";

    /// <summary>
    /// Queues the release; false when it was queued already. The place is claimed by inserting the slot itself (insert
    /// fails when taken), probing upwards from the counter, so a place becomes visible only after every lower one:
    /// a reader can never see a later release alone at the head while an earlier one is still being written.
    /// </summary>
    public async Task<bool> EnqueueAsync(string app, string releaseId, CancellationToken cancellationToken)
    {
        if (!await store.TryInsertAsync(Collection, new Document(app, MemberPrefix + releaseId, ""), cancellationToken)) return false;
        var counter = await store.GetAsync(Collection, app, CounterKey, cancellationToken);
        var sequence = (counter is null ? 0 : long.Parse(counter.Json, CultureInfo.InvariantCulture)) + 1;
        while (!await store.TryInsertAsync(Collection, new Document(app, Slot(sequence), releaseId), cancellationToken))
        {
            sequence++;
        }

        await store.PutAsync(Collection, new Document(app, MemberPrefix + releaseId, sequence.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        await AdvanceCounterAsync(app, sequence, cancellationToken);
        return true;
    }

    /// <summary>The app's queue in arrival order; the first entry is the one allowed to run.</summary>
    public async Task<ImmutableArray<QueueEntry>> ListAsync(string app, CancellationToken cancellationToken)
    {
        var entries = ImmutableArray.CreateBuilder<QueueEntry>();
        await foreach (var doc in store.QueryAsync(Collection, app, SlotPrefix, SlotPrefix + "\uffff", cancellationToken))
        {
            entries.Add(new QueueEntry(app, doc.Json, long.Parse(doc.Key[SlotPrefix.Length..], CultureInfo.InvariantCulture)));
        }

        return entries.ToImmutable();
    }

    public async Task<QueueEntry?> HeadAsync(string app, CancellationToken cancellationToken) =>
        (await ListAsync(app, cancellationToken)).FirstOrDefault();

    /// <summary>Removes a finished release so the next may run.</summary>
    public async Task RemoveAsync(string app, string releaseId, CancellationToken cancellationToken)
    {
        var member = await store.GetAsync(Collection, app, MemberPrefix + releaseId, cancellationToken);
        if (member is null) return;
        if (long.TryParse(member.Json, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            await store.DeleteAsync(Collection, app, Slot(sequence), null, cancellationToken);
        }

        await store.DeleteAsync(Collection, app, MemberPrefix + releaseId, null, cancellationToken);
    }

    private static string Slot(long sequence) => SlotPrefix + sequence.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>Raises the counter to at least <paramref name="sequence"/> (never lowers it), so new places start above every claimed one.</summary>
    private async Task AdvanceCounterAsync(string app, long sequence, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var counter = await store.GetAsync(Collection, app, CounterKey, cancellationToken);
            var doc = new Document(app, CounterKey, sequence.ToString(CultureInfo.InvariantCulture));
            if (counter is null)
            {
                if (await store.TryInsertAsync(Collection, doc, cancellationToken)) return;
                continue;
            }

            if (long.Parse(counter.Json, CultureInfo.InvariantCulture) >= sequence) return;
            try
            {
                await store.PutAsync(Collection, doc with { ETag = counter.ETag }, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // Another host moved the counter: read again; it only ever goes up.
            }
        }

        throw new ConcurrencyConflictException($"could not advance the queue counter of {app} after 50 attempts");
    }
}
