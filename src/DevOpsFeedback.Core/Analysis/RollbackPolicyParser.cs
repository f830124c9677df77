using System.Collections.Immutable;
using System.Text.Json;
using DevOpsFeedback.Analysis.Statistics;

namespace DevOpsFeedback.Analysis;

/// <summary>The parsed policy, or every problem found, each naming its JSON field ("judge.minRequests: must be ≥ 1").</summary>
public sealed record PolicyParseResult(RollbackPolicy? Policy, ImmutableArray<string> Errors)
{
    public bool IsSuccess => Policy is not null;
}

/// <summary>Reads a <see cref="RollbackPolicy"/> from JSON. Missing fields take their defaults; unknown fields are errors.</summary>
public static class RollbackPolicyParser
{
    public static PolicyParseResult Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return new PolicyParseResult(null, [$"$: not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {ex.Message}"]);
        }

        using (document)
        {
            var errors = ImmutableArray.CreateBuilder<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new PolicyParseResult(null, ["$: must be a JSON object"]);
            var defaults = new RollbackPolicy();
            var reader = new FieldReader(errors);
            reader.Known(root, "", "intervalMinutes", "bakeMinutes", "failureLimit", "consecutiveErrorLimit", "telemetryDelayMinutes", "judge");
            var interval = reader.Int(root, "", "intervalMinutes", defaults.IntervalMinutes, 1, 1440);
            var bake = reader.Int(root, "", "bakeMinutes", defaults.BakeMinutes, 1, 7 * 1440);
            var failureLimit = reader.Int(root, "", "failureLimit", defaults.FailureLimit, 0, 1000);
            var errorLimit = reader.Int(root, "", "consecutiveErrorLimit", defaults.ConsecutiveErrorLimit, 0, 1000);
            var delay = reader.Int(root, "", "telemetryDelayMinutes", defaults.TelemetryDelayMinutes, 0, 60);
            if (bake < interval) errors.Add("bakeMinutes: must be ≥ intervalMinutes");
            var judge = ParseJudge(reader, root);
            return errors.Count > 0
                ? new PolicyParseResult(null, errors.ToImmutable())
                : new PolicyParseResult(new RollbackPolicy(interval, bake, failureLimit, errorLimit, judge, delay), []);
        }
    }

    private static JudgePolicy ParseJudge(FieldReader r, JsonElement root)
    {
        var d = new JudgePolicy();
        if (!r.Object(root, "", "judge", out var j)) return d;
        const string P = "judge.";
        r.Known(j, P, "significance", "spending", "consecutive", "baselineMinutes", "minRequests", "minLatencySamples", "errorRate", "latency", "traffic", "slo");
        var judge = new JudgePolicy(
            r.Double(j, P, "significance", d.Significance, 1e-9, 0.5),
            r.Enum(j, P, "spending", d.Spending),
            r.Int(j, P, "consecutive", d.Consecutive, 1, 100),
            r.Int(j, P, "baselineMinutes", d.BaselineMinutes, 1, 31 * 1440),
            r.Int(j, P, "minRequests", (int)d.MinRequests, 1, int.MaxValue),
            r.Int(j, P, "minLatencySamples", (int)d.MinLatencySamples, 1, int.MaxValue));
        if (r.Object(j, P, "errorRate", out var e))
        {
            const string Q = "judge.errorRate.";
            r.Known(e, Q, "enabled", "minRatio", "minIncrease");
            judge = judge with
            {
                ErrorRate = new ErrorRatePolicy(r.Bool(e, Q, "enabled", d.ErrorRate.Enabled), r.Double(e, Q, "minRatio", d.ErrorRate.MinRatio, 1, 1000), r.Double(e, Q, "minIncrease", d.ErrorRate.MinIncrease, 0, 1)),
            };
        }

        if (r.Object(j, P, "latency", out var l))
        {
            const string Q = "judge.latency.";
            r.Known(l, Q, "enabled", "minShift");
            judge = judge with { Latency = new LatencyPolicy(r.Bool(l, Q, "enabled", d.Latency.Enabled), r.Double(l, Q, "minShift", d.Latency.MinShift, 0, 100)) };
        }

        if (r.Object(j, P, "traffic", out var t))
        {
            const string Q = "judge.traffic.";
            r.Known(t, Q, "enabled", "maxDrop");
            judge = judge with { Traffic = new TrafficPolicy(r.Bool(t, Q, "enabled", d.Traffic.Enabled), r.Double(t, Q, "maxDrop", d.Traffic.MaxDrop, 0.01, 1)) };
        }

        if (r.Object(j, P, "slo", out var s))
        {
            const string Q = "judge.slo.";
            r.Known(s, Q, "maxErrorRate", "maxP95Ms");
            judge = judge with { Slo = new SloLimits(r.NullableDouble(s, Q, "maxErrorRate", d.Slo.MaxErrorRate, 0, 1), r.NullableDouble(s, Q, "maxP95Ms", d.Slo.MaxP95Ms, 1, 3_600_000)) };
        }

        return judge;
    }

    private sealed class FieldReader(ImmutableArray<string>.Builder errors)
    {
        public void Known(JsonElement obj, string prefix, params string[] names)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (!names.Contains(property.Name, StringComparer.Ordinal))
                    errors.Add($"{prefix}{property.Name}: unknown field (expected one of {string.Join(", ", names)})");
            }
        }

        public bool Object(JsonElement obj, string prefix, string name, out JsonElement value)
        {
            if (!obj.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null) return false;
            if (value.ValueKind == JsonValueKind.Object) return true;
            errors.Add($"{prefix}{name}: must be an object");
            return false;
        }

        public int Int(JsonElement obj, string prefix, string name, int fallback, int min, int max)
        {
            if (!obj.TryGetProperty(name, out var v)) return fallback;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var value))
            {
                errors.Add($"{prefix}{name}: must be a whole number");
                return fallback;
            }

            if (value < min) errors.Add($"{prefix}{name}: must be ≥ {min}");
            else if (value > max) errors.Add($"{prefix}{name}: must be ≤ {max}");
            return value;
        }

        public double Double(JsonElement obj, string prefix, string name, double fallback, double min, double max) =>
            NullableDouble(obj, prefix, name, fallback, min, max, allowNull: false) ?? fallback;

        public double? NullableDouble(JsonElement obj, string prefix, string name, double? fallback, double min, double max, bool allowNull = true)
        {
            if (!obj.TryGetProperty(name, out var v)) return fallback;
            if (v.ValueKind == JsonValueKind.Null && allowNull) return null;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                errors.Add($"{prefix}{name}: must be a number{(allowNull ? " or null" : "")}");
                return fallback;
            }

            if (value < min) errors.Add($"{prefix}{name}: must be ≥ {min}");
            else if (value > max) errors.Add($"{prefix}{name}: must be ≤ {max}");
            return value;
        }

        public bool Bool(JsonElement obj, string prefix, string name, bool fallback)
        {
            if (!obj.TryGetProperty(name, out var v)) return fallback;
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            errors.Add($"{prefix}{name}: must be true or false");
            return fallback;
        }

        public SpendingFunction Enum(JsonElement obj, string prefix, string name, SpendingFunction fallback)
        {
            if (!obj.TryGetProperty(name, out var v)) return fallback;
            var text = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (text is not null && System.Enum.TryParse<SpendingFunction>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
                return value;
            errors.Add($"{prefix}{name}: must be one of \"pocock\", \"obrienFleming\", \"linear\"");
            return fallback;
        }
    }
}
