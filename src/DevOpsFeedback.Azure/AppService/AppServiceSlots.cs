using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>Both slots of an app as read from ARM, with what the port's snapshot cannot carry.</summary>
/// <param name="Snapshot">The port view: production, staging, sticky names, canary share.</param>
/// <param name="Warnings">Set-up problems seen while reading (e.g. a sticky version setting); empty when none.</param>
/// <param name="LastSwap">Production's <c>slotSwapStatus</c>, when it has swapped before.</param>
/// <param name="PendingSwapTarget">Staging's <c>targetSwapSlot</c>: set while a swap with preview is pending.</param>
public sealed record AppServiceSlots(
    SlotsSnapshot Snapshot,
    IReadOnlyList<string> Warnings,
    SlotSwapStatus? LastSwap,
    string? PendingSwapTarget);
