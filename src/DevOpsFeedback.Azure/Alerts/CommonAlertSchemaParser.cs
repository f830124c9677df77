using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Alerts;

/// <summary>
/// Parses an Azure Monitor common alert schema payload (metric alerts static and dynamic, log search alerts V2,
/// activity log alerts, cost alerts; Fired and Resolved) into an <see cref="AlertSignal"/>.
/// The essentials are checked strictly (the 400 rules of the HTTP API); <c>alertContext</c> is read leniently
/// because its shape varies by service and Azure adds fields: it only feeds the human summary.
/// </summary>
public static class CommonAlertSchemaParser
{
    public const string SchemaId = "azureMonitorCommonAlertSchema";
    private const string Essentials = "data.essentials";
    private const int MaxDescriptionLength = 500;

    public static AlertParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    public static AlertParseResult Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            return AlertParseResult.Invalid([new AlertFieldError("$", "the body is not valid JSON: " + ex.Message)]);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public static AlertParseResult Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return AlertParseResult.Invalid([new AlertFieldError("$", "the body is not a JSON object")]);

        var errors = new List<AlertFieldError>();
        if (!root.TryGetProperty("schemaId", out var schemaId))
            errors.Add(new AlertFieldError("schemaId", $"is missing (is the common alert schema turned on for this action? expected \"{SchemaId}\")"));
        else if (schemaId.ValueKind != JsonValueKind.String || schemaId.GetString() != SchemaId)
            errors.Add(new AlertFieldError("schemaId", $"is {Show(schemaId)}, expected \"{SchemaId}\""));

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new AlertFieldError("data", "is missing or not an object"));
            return AlertParseResult.Invalid(errors);
        }

        if (!data.TryGetProperty("essentials", out var essentials) || essentials.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new AlertFieldError(Essentials, "is missing or not an object"));
            return AlertParseResult.Invalid(errors);
        }

        var alertId = RequiredString(essentials, "alertId", errors);
        var firedAt = Time(essentials, "firedDateTime", required: true, errors);
        var resolvedAt = Time(essentials, "resolvedDateTime", required: false, errors);
        var condition = Condition(essentials, errors);
        var targets = Targets(essentials, errors);
        var rule = OptionalString(essentials, "alertRule", errors);
        var severity = OptionalString(essentials, "severity", errors);
        var signalType = OptionalString(essentials, "signalType", errors);
        var monitoringService = OptionalString(essentials, "monitoringService", errors);
        var essentialsDescription = OptionalString(essentials, "description", errors);
        var customProperties = CustomProperties(data, errors);
        if (errors.Count > 0) return AlertParseResult.Invalid(errors);

        JsonElement? context = data.TryGetProperty("alertContext", out var c) && c.ValueKind == JsonValueKind.Object ? c : null;
        var description = OneLine(AlertDescription.Describe(context) ?? NonEmpty(essentialsDescription) ?? rule);
        var signal = new AlertSignal(alertId!, rule, severity, targets, firedAt!.Value, resolvedAt, condition!.Value, signalType, description);
        var contextJson = data.TryGetProperty("alertContext", out var raw) ? raw.GetRawText() : null;
        return new AlertParseResult(signal, [], NonEmpty(monitoringService), customProperties, contextJson);
    }

    private static string? RequiredString(JsonElement essentials, string name, List<AlertFieldError> errors)
    {
        var field = $"{Essentials}.{name}";
        if (!essentials.TryGetProperty(name, out var value)) errors.Add(new AlertFieldError(field, "is missing"));
        else if (value.ValueKind != JsonValueKind.String) errors.Add(new AlertFieldError(field, $"is {Show(value)}, expected a string"));
        else if (string.IsNullOrWhiteSpace(value.GetString())) errors.Add(new AlertFieldError(field, "is empty"));
        else return value.GetString();
        return null;
    }

    private static string OptionalString(JsonElement essentials, string name, List<AlertFieldError> errors)
    {
        if (!essentials.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return "";
        if (value.ValueKind == JsonValueKind.String) return value.GetString()!;
        errors.Add(new AlertFieldError($"{Essentials}.{name}", $"is {Show(value)}, expected a string"));
        return "";
    }

    private static DateTimeOffset? Time(JsonElement essentials, string name, bool required, List<AlertFieldError> errors)
    {
        var field = $"{Essentials}.{name}";
        if (!essentials.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(new AlertFieldError(field, "is missing"));
            return null;
        }

        // Times without an offset (Service Health sends them) are read as UTC.
        if (value.ValueKind == JsonValueKind.String &&
            DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        errors.Add(new AlertFieldError(field, $"is {Show(value)}, expected an ISO 8601 date and time"));
        return null;
    }

    private static MonitorCondition? Condition(JsonElement essentials, List<AlertFieldError> errors)
    {
        const string field = $"{Essentials}.monitorCondition";
        if (!essentials.TryGetProperty("monitorCondition", out var value))
        {
            errors.Add(new AlertFieldError(field, "is missing (null is accepted, absent is not)"));
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null) return MonitorCondition.None;
        if (value.ValueKind == JsonValueKind.String)
        {
            if (string.Equals(value.GetString(), "Fired", StringComparison.OrdinalIgnoreCase)) return MonitorCondition.Fired;
            if (string.Equals(value.GetString(), "Resolved", StringComparison.OrdinalIgnoreCase)) return MonitorCondition.Resolved;
        }

        errors.Add(new AlertFieldError(field, $"is {Show(value)}, expected \"Fired\", \"Resolved\" or null"));
        return null;
    }

    private static ImmutableArray<string> Targets(JsonElement essentials, List<AlertFieldError> errors)
    {
        const string field = $"{Essentials}.alertTargetIDs";
        if (!essentials.TryGetProperty("alertTargetIDs", out var value))
        {
            errors.Add(new AlertFieldError(field, "is missing (null is accepted, absent is not)"));
            return [];
        }

        if (value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new AlertFieldError(field, $"is {Show(value)}, expected an array of strings or null"));
            return [];
        }

        var targets = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) targets.Add(item.GetString()!);
            else errors.Add(new AlertFieldError($"{field}[{index}]", $"is {Show(item)}, expected a string"));
            index++;
        }

        return targets.ToImmutable();
    }

    private static ImmutableSortedDictionary<string, string> CustomProperties(JsonElement data, List<AlertFieldError> errors)
    {
        if (!data.TryGetProperty("customProperties", out var value) || value.ValueKind == JsonValueKind.Null)
            return ImmutableSortedDictionary<string, string>.Empty;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new AlertFieldError("data.customProperties", $"is {Show(value)}, expected an object or null"));
            return ImmutableSortedDictionary<string, string>.Empty;
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
            if (property.Value.ValueKind == JsonValueKind.String) builder[property.Name] = property.Value.GetString()!;
        return builder.ToImmutable();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string OneLine(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxDescriptionLength));
        var lastWasSpace = false;
        foreach (var ch in text)
        {
            var space = char.IsWhiteSpace(ch) || char.IsControl(ch);
            if (space && (lastWasSpace || builder.Length == 0)) continue;
            builder.Append(space ? ' ' : ch);
            lastWasSpace = space;
            if (builder.Length >= MaxDescriptionLength) break;
        }

        return builder.ToString().TrimEnd();
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{(value.GetString()!.Length > 40 ? value.GetString()![..40] + "…" : value.GetString())}\"",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
