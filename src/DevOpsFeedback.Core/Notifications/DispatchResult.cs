using System.Collections.Immutable;

namespace DevOpsFeedback.Notifications;

/// <summary>What became of one notification: every attempt to every routed sink, and any problem around them.</summary>
/// <param name="Notification">The notification.</param>
/// <param name="Attempts">Every attempt, per sink in order.</param>
/// <param name="Problems">What went wrong besides failed attempts (no route, a record that could not be written, cancellation).</param>
public sealed record DispatchResult(Notification Notification, ImmutableArray<DeliveryAttempt> Attempts, ImmutableArray<string> Problems)
{
    /// <summary>The sinks that finally accepted it.</summary>
    public ImmutableArray<string> DeliveredTo => [.. Attempts.Where(a => a.Succeeded).Select(a => a.Sink).Distinct(StringComparer.Ordinal)];

    /// <summary>The sinks that never accepted it.</summary>
    public ImmutableArray<string> FailedSinks => [.. Attempts.Select(a => a.Sink).Distinct(StringComparer.Ordinal).Except(DeliveredTo, StringComparer.Ordinal)];

    public bool Equals(DispatchResult? other) =>
        other is not null && Notification.Equals(other.Notification) && Attempts.SequenceEqual(other.Attempts) && Problems.SequenceEqual(other.Problems);

    public override int GetHashCode() => HashCode.Combine(Notification, Attempts.Length, Problems.Length);
}
