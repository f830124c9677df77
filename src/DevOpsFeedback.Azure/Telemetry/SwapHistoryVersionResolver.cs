using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>
/// Which version each slot ran, derived from the slots as they are now (<see cref="ISlotController"/>) and the
/// times of the swaps since the window began: every swap exchanged the two slots' versions, so walking back from
/// now through the swaps gives each earlier span.
/// </summary>
/// <param name="slots">Reads the versions production and staging run now.</param>
/// <param name="swapsSince">The swap completion times of an app at or after a time (e.g. from the release event log).</param>
public sealed class SwapHistoryVersionResolver(
    ISlotController slots,
    Func<string, DateTimeOffset, CancellationToken, Task<IReadOnlyList<DateTimeOffset>>> swapsSince) : ISlotVersionResolver
{
    public async Task<ImmutableArray<SlotVersionSpan>> ResolveAsync(string app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var snapshot = await slots.ReadSlotsAsync(app, cancellationToken);
        var swaps = await swapsSince(app, from, cancellationToken);
        return Spans(snapshot.Production.Name, snapshot.Production.Version, snapshot.Staging.Name, snapshot.Staging.Version, swaps, from);
    }

    /// <summary>
    /// Spans from <paramref name="from"/> on, given the versions the slots run now and the swaps since
    /// <paramref name="from"/>. A slot whose version is unknown (null) gets no span.
    /// </summary>
    public static ImmutableArray<SlotVersionSpan> Spans(
        string productionSlot, string? productionNow, string stagingSlot, string? stagingNow, IEnumerable<DateTimeOffset> swaps, DateTimeOffset from)
    {
        var ordered = swaps.Where(s => s > from).Distinct().OrderByDescending(s => s).ToList();
        var builder = ImmutableArray.CreateBuilder<SlotVersionSpan>();
        DateTimeOffset? until = null;
        var (production, staging) = (productionNow, stagingNow);
        foreach (var swap in ordered.Append(from))
        {
            if (production is not null) builder.Add(new SlotVersionSpan(productionSlot, production, swap, until));
            if (stagingSlot.Length > 0 && staging is not null) builder.Add(new SlotVersionSpan(stagingSlot, staging, swap, until));
            (production, staging) = (staging, production);
            until = swap;
        }

        return builder.ToImmutable();
    }
}
