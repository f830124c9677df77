using System.Text.Json;

namespace DevOpsFeedback.Api;

/// <summary>
/// Reads request bodies the same way in both hosts: at most 1 MiB, UTF-8 without a byte-order mark, no duplicate
/// member names, nesting at most 64. Anything else is a field error, never an exception to the caller.
/// </summary>
public static class StrictJson
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>Parses the body; on failure returns null and the error under the field "body".</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body.Length == 0)
        {
            errors.Add("body", "is empty: a JSON object is required");
            return null;
        }

        if (body.Span.StartsWith("\uFEFF"u8))
        {
            errors.Add("body", "starts with a byte-order mark: send UTF-8 without a BOM");
            return null;
        }

        try
        {
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            errors.Add("body", ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"is nested deeper than {MaxDepth} levels"
                : ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase)
                    ? $"has a duplicate member name ({ex.Message})"
                    : $"is not valid JSON ({ex.Message})");
            return null;
        }
    }
}
