using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Storage;

/// <summary>The release log in memory: for virtual time (demo, backtest) and tests. Thread-safe.</summary>
public sealed class InMemoryReleaseStore : IReleaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ImmutableArray<EventEnvelope>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReleaseIndexEntry> _index = new(StringComparer.Ordinal);

    public Task<ReleaseLog> ReadAsync(string releaseId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var events = _streams.GetValueOrDefault(releaseId, []);
            return Task.FromResult(new ReleaseLog(releaseId, events.Length, events));
        }
    }

    public Task AppendAsync(string releaseId, string app, long expectedVersion, IReadOnlyList<EventEnvelope> events, string status, CancellationToken cancellationToken)
    {
        ReleaseStreams.CheckAppend(releaseId, app, expectedVersion, events, status);
        lock (_gate)
        {
            var current = _streams.GetValueOrDefault(releaseId, []);
            if (current.Length != expectedVersion)
            {
                throw new ConcurrencyConflictException($"release '{releaseId}' is at version {current.Length}, not {expectedVersion}");
            }

            if (events.Count == 0) return Task.CompletedTask;
            _streams[releaseId] = current.AddRange(events);
            var created = _index.TryGetValue(releaseId, out var old) ? old.CreatedAt : events[0].At;
            _index[releaseId] = new ReleaseIndexEntry(releaseId, app, created, events[^1].At, status, expectedVersion + events.Count);
            return Task.CompletedTask;
        }
    }

    public Task<ImmutableArray<ReleaseIndexEntry>> ListByAppAsync(string app, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_index.Values.Where(e => e.App == app).OrderBy(e => e.CreatedAt).ThenBy(e => e.ReleaseId, StringComparer.Ordinal).ToImmutableArray());
        }
    }

    public Task<ImmutableArray<ReleaseIndexEntry>> ListAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_index.Values.OrderBy(e => e.CreatedAt).ThenBy(e => e.ReleaseId, StringComparer.Ordinal).ToImmutableArray());
        }
    }

    public Task<ImmutableArray<ReleaseIndexEntry>> ListActiveAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_index.Values.Where(e => !e.IsTerminal).OrderBy(e => e.CreatedAt).ThenBy(e => e.ReleaseId, StringComparer.Ordinal).ToImmutableArray());
        }
    }
}
