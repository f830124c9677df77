using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DevOpsFeedback.Azure.Alerts;

/// <summary>
/// A one-line human summary of an <c>alertContext</c>, by <c>conditionType</c> (metric static/dynamic, log V2)
/// or by the activity-log event fields. Null when the shape is not one it knows (the caller falls back to
/// the rule's description); never throws on an unexpected shape.
/// </summary>
internal static class AlertDescription
{
    public static string? Describe(JsonElement? context)
    {
        if (context is not { } ctx) return null;
        var conditionType = Text(ctx, "conditionType");
        if (conditionType is not null && ctx.TryGetProperty("condition", out var condition) && condition.ValueKind == JsonValueKind.Object &&
            condition.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
        {
            var parts = allOf.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
                .Select(item => conditionType == "LogQueryCriteria" ? LogCriterion(item) : MetricCriterion(item, conditionType))
                .Where(p => p.Length > 0).ToList();
            if (parts.Count == 0) return null;
            var window = Text(condition, "windowSize");
            return string.Join("; ", parts) + (window is null ? "" : $" over {window}");
        }

        var operation = Text(ctx, "operationName");
        if (operation is not null)
        {
            var status = Text(ctx, "status");
            var scope = ctx.TryGetProperty("authorization", out var auth) && auth.ValueKind == JsonValueKind.Object ? Text(auth, "scope") : null;
            return $"activity {operation}{(status is null ? "" : " " + status)}{(scope is null ? "" : " on " + scope)}";
        }

        return null;
    }

    private static string MetricCriterion(JsonElement item, string conditionType)
    {
        var name = Text(item, "metricName") ?? Text(item, "webTestName");
        if (name is null) return "";
        var sb = new StringBuilder(name);
        Append(sb, Text(item, "timeAggregation"));
        Append(sb, Text(item, "operator"));
        Append(sb, Text(item, "threshold"));
        if (conditionType == "DynamicThresholdCriteria")
            sb.Append(" (dynamic threshold").Append(Text(item, "alertSensitivity") is { } s ? $", {s} sensitivity" : "").Append(')');
        AppendValue(sb, item);
        AppendDimensions(sb, item);
        return sb.ToString();
    }

    private static string LogCriterion(JsonElement item)
    {
        var sb = new StringBuilder("log query");
        var aggregation = Text(item, "timeAggregation");
        var column = Text(item, "metricMeasureColumn");
        if (aggregation is not null) sb.Append(' ').Append(aggregation).Append(" of ").Append(column ?? "results");
        Append(sb, Text(item, "operator"));
        Append(sb, Text(item, "threshold"));
        AppendValue(sb, item);
        AppendDimensions(sb, item);
        return sb.ToString();
    }

    private static void AppendValue(StringBuilder sb, JsonElement item)
    {
        if (item.TryGetProperty("metricValue", out var value) && value.ValueKind == JsonValueKind.Number)
            sb.Append(" (value ").Append(value.GetDouble().ToString("G6", CultureInfo.InvariantCulture)).Append(')');
    }

    private static void AppendDimensions(StringBuilder sb, JsonElement item)
    {
        if (!item.TryGetProperty("dimensions", out var dimensions) || dimensions.ValueKind != JsonValueKind.Array) return;
        var pairs = dimensions.EnumerateArray()
            .Where(d => d.ValueKind == JsonValueKind.Object && Text(d, "name") is not null)
            .Select(d => $"{Text(d, "name")}={Text(d, "value")}").ToList();
        if (pairs.Count > 0) sb.Append(" [").Append(string.Join(", ", pairs)).Append(']');
    }

    private static void Append(StringBuilder sb, string? text)
    {
        if (text is not null) sb.Append(' ').Append(text);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
