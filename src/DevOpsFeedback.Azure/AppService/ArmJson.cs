using System.Collections.Immutable;
using System.Text.Json;
using Azure;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>Reads ARM JSON bodies; a missing or mistyped field is a <see cref="AppServiceErrorKind.MalformedResponse"/> naming it.</summary>
internal static class ArmJson
{
    public static JsonElement Parse(Response response, string context)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Content);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(context, "the body", "a JSON object", document.RootElement.ValueKind.ToString());
            }

            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new AppServiceException(
                AppServiceErrorKind.MalformedResponse,
                $"{context}: ARM answered {response.Status} with a body that is not JSON: {exception.Message}",
                response.Status,
                innerException: exception);
        }
    }

    public static JsonElement RequiredObject(JsonElement element, string name, string context)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(context, name, "an object", Kind(element, name));
        }

        return value;
    }

    public static JsonElement? OptionalObject(JsonElement element, string name, string context)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Malformed(context, name, "an object", value.ValueKind.ToString());
    }

    public static string RequiredString(JsonElement element, string name, string context) =>
        OptionalString(element, name, context) ?? throw Malformed(context, name, "a string", Kind(element, name));

    public static string? OptionalString(JsonElement element, string name, string context)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Malformed(context, name, "a string", value.ValueKind.ToString());
    }

    public static double? OptionalDouble(JsonElement element, string name, string context)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw Malformed(context, name, "a number", value.ValueKind.ToString());
    }

    public static IEnumerable<JsonElement> OptionalArray(JsonElement element, string name, string context)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Malformed(context, name, "an array", value.ValueKind.ToString());
    }

    public static ImmutableSortedSet<string> StringSet(JsonElement element, string name, string context) =>
        OptionalArray(element, name, context)
            .Select((item, index) => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw Malformed(context, $"{name}[{index}]", "a string", item.ValueKind.ToString()))
            .ToImmutableSortedSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A <c>StringDictionary</c>'s <c>properties</c>: name → string value.</summary>
    public static ImmutableSortedDictionary<string, string> StringMap(JsonElement properties, string context)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject())
        {
            builder[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Null => "",
                _ => throw Malformed(context, $"properties.{property.Name}", "a string", property.Value.ValueKind.ToString()),
            };
        }

        return builder.ToImmutable();
    }

    /// <summary>The <c>error.code</c> and <c>error.message</c> of a body (ARM <c>DefaultErrorResponse</c> or an operation status).</summary>
    public static (string? Code, string? Message) Error(JsonElement body)
    {
        if (!body.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        string? Text(string name) =>
            error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return (Text("code"), Text("message"));
    }

    /// <summary>Like <see cref="Error(JsonElement)"/> on an error response whose body may be anything; the raw text stands in for a message.</summary>
    public static (string? Code, string? Message) TryError(Response response)
    {
        var text = response.Content.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var (code, message) = Error(document.RootElement);
                if (code is not null || message is not null)
                {
                    return (code, message);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text below is the best message there is.
        }

        return (null, text.Length > 300 ? text[..300] + "…" : text);
    }

    private static string Kind(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ValueKind.ToString() : "missing";

    private static AppServiceException Malformed(string context, string field, string expected, string actual) =>
        new(AppServiceErrorKind.MalformedResponse, $"{context}: ARM sent a malformed body: '{field}' should be {expected} but is {actual}.");
}
