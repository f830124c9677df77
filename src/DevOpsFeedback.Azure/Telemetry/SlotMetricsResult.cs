using System.Collections.Immutable;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>Slot metrics, or why they could not be read (never empty data in place of a failure).</summary>
public sealed record SlotMetricsResult(ImmutableArray<SlotMetricsSample> Samples, string? Error)
{
    public bool IsSuccess => Error is null;

    public static SlotMetricsResult Failed(string cause) => new([], cause);
}
