using System.Collections.Immutable;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>
/// Which version each slot of an app ran, and when. Platform metrics belong to the slot resource, not to the
/// code (after a swap a slot's history stays with the slot), so the metrics source asks this to label minutes.
/// </summary>
public interface ISlotVersionResolver
{
    /// <summary>The spans overlapping [from, to); a minute that no span covers is not reported.</summary>
    Task<ImmutableArray<SlotVersionSpan>> ResolveAsync(string app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>Slot <paramref name="Slot"/> ran <paramref name="Version"/> from <paramref name="From"/> until <paramref name="Until"/> (exclusive; null: still).</summary>
/// <param name="Slot">"production" or a slot name such as "staging".</param>
public sealed record SlotVersionSpan(string Slot, string Version, DateTimeOffset From, DateTimeOffset? Until)
{
    public bool Covers(DateTimeOffset time) => time >= From && (Until is null || time < Until);
}
