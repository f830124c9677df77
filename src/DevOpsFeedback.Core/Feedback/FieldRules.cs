using System.Text.Json;
using System.Text.RegularExpressions;
using DevOpsFeedback.Api;

namespace DevOpsFeedback.Feedback;

/// <summary>Field rules shared by the feedback and retrospective contracts (http-api.md "Common rules").</summary>
internal static partial class FieldRules
{
    [GeneratedRegex("^[A-Za-z0-9._+-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    public static bool IsId(string value) => JsonObjectReader.IsId(value);

    public static bool IsVersion(string value) => VersionPattern().IsMatch(value);

    /// <summary>Free text may hold \n and \t, no other control character (and no lone surrogate).</summary>
    public static string? FreeTextProblem(string value, int maxChars)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c != '\n' && c != '\t') return "must not contain control characters other than \\n and \\t";
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return "must be valid UTF-16 text";
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return "must be valid UTF-16 text";
            }

            count++;
        }

        if (string.IsNullOrWhiteSpace(value)) return "must not be blank";
        return count > maxChars ? $"must be at most {maxChars} characters" : null;
    }

    /// <summary>Reads a string member: absent or null → null with no error; another JSON type → error.</summary>
    public static string? OptionalString(JsonElement obj, string name, string path, FieldErrors errors)
    {
        if (!obj.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        if (el.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, "must be a string");
            return null;
        }

        return el.GetString();
    }

    public static string? RequiredString(JsonElement obj, string name, string path, FieldErrors errors)
    {
        if (!obj.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null)
        {
            errors.Add(path, "is required");
            return null;
        }

        if (el.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, "must be a string");
            return null;
        }

        return el.GetString();
    }

    /// <summary>Reads an optional integer in [min, max]; fractions, strings and out-of-range values are errors.</summary>
    public static int? OptionalInt(JsonElement obj, string name, string path, int min, int max, FieldErrors errors)
    {
        if (!obj.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        if (el.ValueKind != JsonValueKind.Number || !el.TryGetInt32(out var value))
        {
            errors.Add(path, $"must be an integer from {min} to {max}");
            return null;
        }

        if (value < min || value > max)
        {
            errors.Add(path, $"must be an integer from {min} to {max}");
            return null;
        }

        return value;
    }

    public static string? Id(JsonElement obj, string name, string path, FieldErrors errors)
    {
        var value = RequiredString(obj, name, path, errors);
        if (value is null) return null;
        if (!IsId(value))
        {
            errors.Add(path, "must match [A-Za-z0-9._-]{1,100}");
            return null;
        }

        return value;
    }
}
