using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>
/// Reads a Log Analytics query response (<c>tables</c>/<c>columns</c>/<c>rows</c>, cells positional and typed by
/// their column) into frames. A partial error, a missing column, a wrong column type or a bad cell is a failure:
/// a suspect result is never passed on as data.
/// </summary>
internal static class LogAnalyticsResponse
{
    private const string Service = "Log Analytics";

    public static TelemetryResult Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) return TelemetryResult.Failed($"{Service} answered 200 with an empty body (was the request sent as JSON?)");
        try
        {
            using var document = JsonDocument.Parse(body);
            return Parse(document.RootElement);
        }
        catch (JsonException ex)
        {
            return TelemetryResult.Failed($"{Service} answered with a body that is not JSON: {ex.Message}");
        }
    }

    private static TelemetryResult Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return Malformed("the body is not a JSON object");
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            return TelemetryResult.Failed($"{Service} returned a partial result ({DescribePartial(error)}); it is not used");
        if (!root.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Array)
            return Malformed("'tables' is missing or not an array");

        JsonElement? primary = null;
        foreach (var table in tables.EnumerateArray())
        {
            if (table.ValueKind != JsonValueKind.Object) return Malformed("a table is not an object");
            if (primary is null || (table.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == "PrimaryResult"))
                primary = table;
        }

        if (primary is not { } result) return Malformed("'tables' is empty");
        if (!result.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array)
            return Malformed("'columns' is missing or not an array");
        if (!result.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
            return Malformed("'rows' is missing or not an array");

        var index = new Dictionary<string, (int Position, string Type)>(StringComparer.Ordinal);
        var position = 0;
        foreach (var column in columns.EnumerateArray())
        {
            if (column.ValueKind != JsonValueKind.Object ||
                !column.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String ||
                !column.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                return Malformed($"column {position} has no string 'name' and 'type'");
            index[name.GetString()!] = (position, type.GetString()!);
            position++;
        }

        if (Expect(index, LogAnalyticsQuery.TimeColumn, "datetime") is { } timeError) return Malformed(timeError);
        if (Expect(index, LogAnalyticsQuery.VersionColumn, "string") is { } versionError) return Malformed(versionError);
        foreach (var count in new[] { LogAnalyticsQuery.RequestsColumn, LogAnalyticsQuery.FailuresColumn }.Concat(LogAnalyticsQuery.BucketColumns))
            if (Expect(index, count, "long", "int") is { } countError) return Malformed(countError);

        var frames = ImmutableArray.CreateBuilder<TelemetryFrame>();
        var rowNumber = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != position)
                return Malformed($"row {rowNumber} is not an array of {position} cells");
            var timeCell = row[index[LogAnalyticsQuery.TimeColumn].Position];
            if (timeCell.ValueKind != JsonValueKind.String ||
                !DateTimeOffset.TryParse(timeCell.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                return Malformed($"row {rowNumber}: '{LogAnalyticsQuery.TimeColumn}' is not a datetime");
            var versionCell = row[index[LogAnalyticsQuery.VersionColumn].Position];
            if (versionCell.ValueKind != JsonValueKind.String)
                return Malformed($"row {rowNumber}: '{LogAnalyticsQuery.VersionColumn}' is not a string");

            if (!TryCount(row, index, LogAnalyticsQuery.RequestsColumn, out var requests, out var cellError) ||
                !TryCount(row, index, LogAnalyticsQuery.FailuresColumn, out var failures, out cellError))
                return Malformed($"row {rowNumber}: {cellError}");
            var cumulative = ImmutableArray.CreateBuilder<long>(LogAnalyticsQuery.BucketColumns.Length);
            foreach (var bucket in LogAnalyticsQuery.BucketColumns)
            {
                if (!TryCount(row, index, bucket, out var value, out cellError)) return Malformed($"row {rowNumber}: {cellError}");
                cumulative.Add(value);
            }

            if (failures > requests) return Malformed($"row {rowNumber}: failures ({failures}) exceed requests ({requests})");
            frames.Add(new TelemetryFrame(time, versionCell.GetString()!, requests, failures,
                new LatencyHistogram(LatencyHistogram.StandardBoundsMs, cumulative.MoveToImmutable())));
            rowNumber++;
        }

        return TelemetryResult.Ok(frames);
    }

    private static string? Expect(Dictionary<string, (int Position, string Type)> index, string name, params string[] types)
    {
        if (!index.TryGetValue(name, out var column)) return $"column '{name}' is missing";
        return types.Contains(column.Type, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"column '{name}' has type '{column.Type}', expected {string.Join(" or ", types)}";
    }

    private static bool TryCount(JsonElement row, Dictionary<string, (int Position, string Type)> index, string name, out long value, out string error)
    {
        var cell = row[index[name].Position];
        if (cell.ValueKind == JsonValueKind.Number && cell.TryGetInt64(out value) && value >= 0)
        {
            error = "";
            return true;
        }

        value = 0;
        error = $"'{name}' is {(cell.ValueKind == JsonValueKind.Null ? "null" : "not a non-negative integer")}";
        return false;
    }

    private static string DescribePartial(JsonElement error)
    {
        var parts = new List<string>();
        if (error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String) parts.Add(code.GetString()!);
        if (error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) parts.Add(message.GetString()!);
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            foreach (var detail in details.EnumerateArray())
                if (detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    parts.Add(m.GetString()!);
        return parts.Count == 0 ? "no detail" : string.Join(": ", parts);
    }

    private static TelemetryResult Malformed(string why) => TelemetryResult.Failed($"{Service} answered with a malformed result: {why}");
}
