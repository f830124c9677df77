using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Backtest;

/// <summary>
/// Reads the backtest telemetry CSV (shared design "backtest-format"): header required; <c>time</c>, <c>version</c>,
/// <c>requests</c>, <c>failures</c> required; <c>le_N</c> latency columns optional; extra columns ignored.
/// Every problem is a <see cref="BacktestInputException"/> naming file, line and column.
/// </summary>
public static class TelemetryCsvReader
{
    private static readonly string[] Required = ["time", "version", "requests", "failures"];

    public static TelemetryCsv Read(TextReader reader, string file)
    {
        var header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0) throw new BacktestInputException(file, 1, null, "empty file: a header line is required (time,version,requests,failures,le_25,...)");
        var names = Split(header).Select(n => n.Trim().ToLowerInvariant()).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!index.TryAdd(names[i], i)) throw new BacktestInputException(file, 1, i + 1, $"column '{names[i]}' appears twice");
        }

        foreach (var name in Required)
        {
            if (!index.ContainsKey(name)) throw new BacktestInputException(file, 1, null, $"missing column '{name}' (header must have {string.Join(",", Required)})");
        }

        var latency = new List<(double Bound, int Column)>();
        for (var i = 0; i < names.Length; i++)
        {
            if (!names[i].StartsWith("le_", StringComparison.Ordinal)) continue;
            if (!double.TryParse(names[i].AsSpan(3), NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) || !(bound > 0) || !double.IsFinite(bound))
                throw new BacktestInputException(file, 1, i + 1, $"column '{names[i]}': le_N needs a positive number of milliseconds");
            latency.Add((bound, i));
        }

        latency.Sort((a, b) => a.Bound.CompareTo(b.Bound));
        ImmutableArray<double> bounds = [.. latency.Select(l => l.Bound)];
        var frames = ImmutableArray.CreateBuilder<TelemetryFrame>();
        var lines = ImmutableArray.CreateBuilder<int>();
        var seen = new Dictionary<(DateTimeOffset, string), int>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var cells = Split(line);
            if (cells.Length < names.Length)
                throw new BacktestInputException(file, lineNumber, cells.Length + 1, $"column '{names[cells.Length]}': missing (row has {cells.Length} of {names.Length} fields)");
            var time = ParseTime(cells, index["time"], file, lineNumber);
            var versionColumn = index["version"];
            var version = cells[versionColumn].Trim();
            if (version.Length == 0) throw new BacktestInputException(file, lineNumber, versionColumn + 1, "column 'version': must not be empty");
            var requests = ParseCount(cells, index["requests"], "requests", file, lineNumber);
            var failures = ParseCount(cells, index["failures"], "failures", file, lineNumber);
            if (failures > requests) throw new BacktestInputException(file, lineNumber, index["failures"] + 1, $"column 'failures': {failures} is more than requests {requests}");
            LatencyHistogram? histogram = null;
            if (latency.Count > 0)
            {
                var cumulative = new long[latency.Count];
                for (var i = 0; i < latency.Count; i++)
                {
                    var column = latency[i].Column;
                    cumulative[i] = ParseCount(cells, column, names[column], file, lineNumber);
                    if (i > 0 && cumulative[i] < cumulative[i - 1])
                        throw new BacktestInputException(file, lineNumber, column + 1, $"column '{names[column]}': {cumulative[i]} is less than {names[latency[i - 1].Column]} {cumulative[i - 1]} (buckets are cumulative)");
                    if (cumulative[i] > requests)
                        throw new BacktestInputException(file, lineNumber, column + 1, $"column '{names[column]}': {cumulative[i]} is more than requests {requests}");
                }

                histogram = new LatencyHistogram(bounds, [.. cumulative]);
            }

            if (seen.TryGetValue((time, version), out var first))
                throw new BacktestInputException(file, lineNumber, index["time"] + 1, $"duplicate row for version '{version}' at {time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (first on line {first})");
            seen.Add((time, version), lineNumber);
            frames.Add(new TelemetryFrame(time, version, requests, failures, histogram));
            lines.Add(lineNumber);
        }

        if (frames.Count == 0) throw new BacktestInputException(file, 2, null, "no data rows after the header");
        return new TelemetryCsv(file, frames.ToImmutable(), lines.ToImmutable(), index["version"] + 1);
    }

    private static DateTimeOffset ParseTime(string[] cells, int column, string file, int line)
    {
        var text = cells[column].Trim();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            || !(text.EndsWith('Z') || text.EndsWith("+00:00", StringComparison.Ordinal)))
            throw new BacktestInputException(file, line, column + 1, $"column 'time': '{text}' is not a UTC ISO 8601 time such as 2026-11-20T09:00:00Z");
        if (time.Second != 0 || time.Millisecond != 0)
            throw new BacktestInputException(file, line, column + 1, $"column 'time': '{text}' is not the start of a minute");
        return time;
    }

    private static long ParseCount(string[] cells, int column, string name, string file, int line)
    {
        var text = cells[column].Trim();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new BacktestInputException(file, line, column + 1, $"column '{name}': '{text}' is not a whole number ≥ 0");
        return value;
    }

    private static string[] Split(string line)
    {
        var cells = line.Split(',');
        for (var i = 0; i < cells.Length; i++)
        {
            var c = cells[i].Trim();
            if (c.Length >= 2 && c[0] == '"' && c[^1] == '"') cells[i] = c[1..^1];
        }

        return cells;
    }
}
