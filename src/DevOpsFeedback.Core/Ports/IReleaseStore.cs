using System.Collections.Immutable;

namespace DevOpsFeedback.Ports;

/// <summary>
/// The release event log: an append-only stream per release with optimistic concurrency.
/// The log is the release's audit trail; the stores never interpret the event data.
/// </summary>
public interface IReleaseStore
{
    /// <summary>All events of a release in order; an unknown release has version 0 and no events.</summary>
    Task<ReleaseLog> ReadAsync(string releaseId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends events when the stream is still at <paramref name="expectedVersion"/> (0 creates it),
    /// and updates the release's index row (app, status) in the same atomic write.
    /// Throws <see cref="ConcurrencyConflictException"/> when another writer got there first; nothing is written then.
    /// </summary>
    Task AppendAsync(string releaseId, string app, long expectedVersion, IReadOnlyList<EventEnvelope> events, string status, CancellationToken cancellationToken);

    /// <summary>The releases of one app, oldest first.</summary>
    Task<ImmutableArray<ReleaseIndexEntry>> ListByAppAsync(string app, CancellationToken cancellationToken);

    /// <summary>Every release's index row, oldest first (for DORA and planning across apps).</summary>
    Task<ImmutableArray<ReleaseIndexEntry>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Releases whose status is not terminal (for resuming after a restart), oldest first.</summary>
    Task<ImmutableArray<ReleaseIndexEntry>> ListActiveAsync(CancellationToken cancellationToken);
}

/// <summary>One stored event. <see cref="Version"/> is 1-based and gap-free within a release.</summary>
public sealed record EventEnvelope(long Version, DateTimeOffset At, string Type, string Data);

/// <summary>A release's log as read.</summary>
public sealed record ReleaseLog(string ReleaseId, long Version, ImmutableArray<EventEnvelope> Events)
{
    public bool Exists => Version > 0;
}

/// <summary>Index row of a release. <see cref="IsTerminal"/> follows the status written with the last append.</summary>
public sealed record ReleaseIndexEntry(string ReleaseId, string App, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Status, long Version)
{
    public static readonly ImmutableHashSet<string> TerminalStatuses =
        ImmutableHashSet.Create("succeeded", "rolled-back", "rollback-failed", "blocked", "rejected", "aborted");

    public bool IsTerminal => TerminalStatuses.Contains(Status);
}

/// <summary>Another writer changed the stream or document first.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException() { }

    public ConcurrencyConflictException(string message) : base(message) { }

    public ConcurrencyConflictException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The checks every <see cref="IReleaseStore"/> makes the same way, so that the stores agree on what they refuse.</summary>
public static class ReleaseStreams
{
    /// <summary>Arguments of <see cref="IReleaseStore.AppendAsync"/>: ids and status given, events numbered on from <paramref name="expectedVersion"/>.</summary>
    public static void CheckAppend(string releaseId, string app, long expectedVersion, IReadOnlyList<EventEnvelope> events, string status)
    {
        ArgumentException.ThrowIfNullOrEmpty(releaseId);
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentException.ThrowIfNullOrEmpty(status);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Version != expectedVersion + i + 1)
            {
                throw new ArgumentException($"event {i} has version {events[i].Version}, expected {expectedVersion + i + 1}", nameof(events));
            }
        }
    }

    /// <summary>A stored stream read back must be gap-free: the event after <paramref name="read"/> events has version read + 1.</summary>
    public static void CheckNextRead(string releaseId, long version, int read)
    {
        if (version != read + 1) throw new InvalidDataException($"release '{releaseId}' has event version {version} where {read + 1} was expected");
    }
}
