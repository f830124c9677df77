namespace DevOpsFeedback.Azure.AppService;

/// <summary>The last swap that succeeded on a slot (<c>properties.slotSwapStatus</c>).</summary>
public sealed record SlotSwapStatus(DateTimeOffset TimestampUtc, string SourceSlotName, string DestinationSlotName);
