using System.Collections.Immutable;

namespace DevOpsFeedback.Backtest;

/// <summary>Frames read from a telemetry CSV, each with the line it came from (for error messages).</summary>
public sealed record TelemetryCsv(string File, ImmutableArray<Analysis.TelemetryFrame> Frames, ImmutableArray<int> Lines, int VersionColumn)
{
    /// <summary>Throws naming the first row whose version is neither of <paramref name="versions"/>.</summary>
    public void EnsureOnlyVersions(params string[] versions)
    {
        for (var i = 0; i < Frames.Length; i++)
        {
            if (!versions.Contains(Frames[i].Version, StringComparer.Ordinal))
                throw new BacktestInputException(File, Lines[i], VersionColumn, $"column 'version': unknown version '{Frames[i].Version}' (the release names {string.Join(" and ", versions.Select(v => $"'{v}'"))})");
        }
    }
}
