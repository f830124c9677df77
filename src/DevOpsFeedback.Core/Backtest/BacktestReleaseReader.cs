using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Backtest;

/// <summary>Reads the release JSON of a backtest; every problem names the file and the JSON field.</summary>
public static class BacktestReleaseReader
{
    public static BacktestRelease Read(string json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new BacktestInputException(file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new BacktestInputException(file, null, null, "must be a JSON object");
            var app = String(root, "app", file, required: false) ?? "";
            var baseline = String(root, "baselineVersion", file, required: true)!;
            var candidate = String(root, "candidateVersion", file, required: true)!;
            if (baseline == candidate) throw Field(file, "candidateVersion", "must differ from baselineVersion");
            var modeText = String(root, "mode", file, required: true);
            var mode = modeText switch
            {
                "blue-green" => AnalysisMode.BlueGreen,
                "canary" => AnalysisMode.Canary,
                _ => throw Field(file, "mode", $"'{modeText}' is not \"blue-green\" or \"canary\""),
            };
            var swapText = String(root, "swapAt", file, required: mode == AnalysisMode.BlueGreen);
            DateTimeOffset? swapAt = swapText is null ? null : Time(swapText, file, "swapAt");
            var steps = ImmutableArray.CreateBuilder<CanaryStep>();
            if (root.TryGetProperty("canarySteps", out var array) && array.ValueKind != JsonValueKind.Null)
            {
                if (array.ValueKind != JsonValueKind.Array) throw Field(file, "canarySteps", "must be an array");
                var i = 0;
                foreach (var step in array.EnumerateArray())
                {
                    var name = $"canarySteps[{i}]";
                    if (step.ValueKind != JsonValueKind.Object) throw Field(file, name, "must be an object with at and percent");
                    var at = Time(String(step, "at", file, required: true, prefix: name + ".")!, file, name + ".at");
                    if (!step.TryGetProperty("percent", out var percent) || percent.ValueKind != JsonValueKind.Number || !(percent.GetDouble() is > 0 and <= 100))
                        throw Field(file, name + ".percent", "must be a number in (0, 100]");
                    if (steps.Count > 0 && at <= steps[^1].At) throw Field(file, name + ".at", "must be after the previous step");
                    steps.Add(new CanaryStep(at, percent.GetDouble()));
                    i++;
                }
            }

            if (mode == AnalysisMode.Canary && steps.Count == 0) throw Field(file, "canarySteps", "a canary release needs at least one step");
            if (mode == AnalysisMode.Canary && swapAt is { } s && s <= steps[0].At) throw Field(file, "swapAt", "must be after the first canary step");
            return new BacktestRelease(app, baseline, candidate, mode, swapAt, steps.ToImmutable());
        }
    }

    private static string? String(JsonElement obj, string name, string file, bool required, string prefix = "")
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? throw Field(file, prefix + name, "required") : null;
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())) throw Field(file, prefix + name, "must be a non-empty string");
        return v.GetString()!;
    }

    private static DateTimeOffset Time(string text, string file, string field)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            throw Field(file, field, $"'{text}' is not an ISO 8601 time");
        if (t.Ticks % TimeSpan.TicksPerMinute != 0) throw Field(file, field, $"'{text}' is not the start of a minute (telemetry is per minute)");
        return t;
    }

    private static BacktestInputException Field(string file, string field, string problem) => new(file, null, null, $"{field}: {problem}");
}
