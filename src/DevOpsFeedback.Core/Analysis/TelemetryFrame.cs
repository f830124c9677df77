namespace DevOpsFeedback.Analysis;

/// <summary>
/// One minute of requests served by one app version (see shared design "backtest-format"):
/// request and failure counts and, when known, a cumulative latency histogram.
/// </summary>
/// <param name="Time">Start of the minute, UTC.</param>
/// <param name="Version">The app version that served the requests.</param>
/// <param name="Requests">Requests in the minute (with sampling: the sum of ItemCount).</param>
/// <param name="Failures">Failed requests in the minute.</param>
/// <param name="Latency">Cumulative counts per bucket bound, or null when the source has no histogram.</param>
public sealed record TelemetryFrame(
    DateTimeOffset Time,
    string Version,
    long Requests,
    long Failures,
    LatencyHistogram? Latency = null);
