namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>One minute of one slot's platform metrics, labelled with the version the slot ran then.</summary>
/// <param name="Time">Start of the minute, UTC.</param>
/// <param name="Slot">"production" or the slot name.</param>
/// <param name="Version">The version the resolver says the slot ran.</param>
/// <param name="Requests"><c>Requests</c> total.</param>
/// <param name="Http5xx"><c>Http5xx</c> total.</param>
/// <param name="AverageResponseTimeMs"><c>HttpResponseTime</c> average in milliseconds; null when the minute had no samples.</param>
public sealed record SlotMetricsSample(DateTimeOffset Time, string Slot, string Version, long Requests, long Http5xx, double? AverageResponseTimeMs);
