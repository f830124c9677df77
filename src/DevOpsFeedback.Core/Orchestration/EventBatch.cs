using System.Collections.Immutable;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>New events of a release to append after <see cref="ExpectedVersion"/> (crosses the Durable activity boundary).</summary>
public sealed record EventBatch(string ReleaseId, string App, long ExpectedVersion, string Status, ImmutableArray<ReleaseEvent> Events)
{
    /// <summary>
    /// Appends the batch. A retried append whose first attempt was already written finds the very same events in
    /// place and succeeds; any other writer's events are a conflict.
    /// </summary>
    public static async Task AppendAsync(IReleaseStore store, EventBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(batch);
        var envelopes = ReleaseJson.ToEnvelopes(batch.ExpectedVersion, batch.Events);
        try
        {
            await store.AppendAsync(batch.ReleaseId, batch.App, batch.ExpectedVersion, envelopes, batch.Status, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            var log = await store.ReadAsync(batch.ReleaseId, cancellationToken);
            var written = log.Events.Skip((int)batch.ExpectedVersion).Take(envelopes.Length).Select(e => e.Data);
            if (!written.SequenceEqual(envelopes.Select(e => e.Data), StringComparer.Ordinal)) throw;
        }
    }
}
