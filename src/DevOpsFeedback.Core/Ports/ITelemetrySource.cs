using System.Collections.Immutable;
using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Ports;

/// <summary>Per-minute per-version telemetry of one app.</summary>
public interface ITelemetrySource
{
    /// <summary>Frames for <paramref name="versions"/> in [from, to). Failures come back as <see cref="TelemetryResult.Failed"/>, not as empty data.</summary>
    Task<TelemetryResult> QueryAsync(string app, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>Telemetry, or the reason it could not be read (which the release treats as an Error verdict).</summary>
public sealed record TelemetryResult(ImmutableArray<TelemetryFrame> Frames, string? Error)
{
    public bool IsSuccess => Error is null;

    public static TelemetryResult Ok(IEnumerable<TelemetryFrame> frames) => new([.. frames], null);

    public static TelemetryResult Failed(string cause) => new([], cause);
}
