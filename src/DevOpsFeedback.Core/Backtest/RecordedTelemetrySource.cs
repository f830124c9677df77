using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Backtest;

/// <summary>
/// Telemetry read from a recording instead of a live service: only minutes that have ended before the virtual
/// <paramref name="now"/> are visible (a frame at <c>t</c> covers [t, t+1 min)). A query that reaches past the last
/// recorded minute fails ("no telemetry recorded after ..."), which the release loop reads as an Error, never as health.
/// </summary>
public sealed class RecordedTelemetrySource(ImmutableArray<TelemetryFrame> frames, Func<DateTimeOffset> now) : ITelemetrySource
{
    private readonly ImmutableArray<TelemetryFrame> _frames = frames.IsDefault ? [] : [.. frames.OrderBy(f => f.Time)];

    /// <summary>The end of the last recorded minute, or null when nothing was recorded.</summary>
    public DateTimeOffset? DataEnd => _frames.IsEmpty ? null : _frames[^1].Time.AddMinutes(1);

    public Task<TelemetryResult> QueryAsync(string app, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        cancellationToken.ThrowIfCancellationRequested();
        if (DataEnd is not { } end) return Task.FromResult(TelemetryResult.Failed("no telemetry recorded"));
        if (to > end) return Task.FromResult(TelemetryResult.Failed($"no telemetry recorded after {end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)}Z"));
        var visibleUntil = now();
        var result = ImmutableArray.CreateBuilder<TelemetryFrame>();
        var first = FirstAtOrAfter(from);
        for (var i = first; i < _frames.Length && _frames[i].Time < to; i++)
        {
            var f = _frames[i];
            if (f.Time.AddMinutes(1) <= visibleUntil && versions.Contains(f.Version)) result.Add(f);
        }

        return Task.FromResult(new TelemetryResult(result.ToImmutable(), null));
    }

    private int FirstAtOrAfter(DateTimeOffset from)
    {
        int low = 0, high = _frames.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_frames[mid].Time < from) low = mid + 1;
            else high = mid;
        }

        return low;
    }
}
