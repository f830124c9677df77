using System.Collections.Immutable;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>
/// The seam to a durable engine. <see cref="ReleaseLoop"/> is written against it once; Durable Functions,
/// the local real-time host and virtual time each implement it.
/// </summary>
public interface IReleaseRuntime
{
    /// <summary>The engine's clock (replay-safe in Durable Functions).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Runs one action (an activity). Failures come back as <see cref="ActionFailed"/>, not exceptions.</summary>
    Task<StepResult> RunActionAsync(StepAction action);

    /// <summary>Waits until <paramref name="until"/> (null: no deadline) or a signal; returns the signal, or null when the time came.</summary>
    Task<ReleaseSignal?> WaitAsync(DateTimeOffset? until);

    /// <summary>Persists new events of the release (the audit trail), in order, after <paramref name="expectedVersion"/>.</summary>
    Task RecordAsync(ReleaseState after, long expectedVersion, ImmutableArray<ReleaseEvent> events);

    /// <summary>Publishes the release's current status for people and pipelines.</summary>
    void PublishStatus(ReleaseStatusView status);
}

/// <summary>A short status for custom status / dashboards.</summary>
public sealed record ReleaseStatusView(string ReleaseId, string App, string Status, string Step, int Version);
