using System.Globalization;
using System.Text;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>
/// Turns an untrusted value into a KQL string literal. Values are validated first (length, no control or
/// format characters, so nothing can end a line or reorder text), then escaped (backslash and double quote),
/// so that no input can change the shape of a query.
/// </summary>
internal static class KqlLiteral
{
    public const int MaxLength = 256;

    /// <summary>Null when <paramref name="value"/> may enter a query; otherwise why not, naming <paramref name="field"/>.</summary>
    public static string? Validate(string? value, string field)
    {
        if (value is null) return $"{field} is missing";
        if (value.Length == 0) return $"{field} is empty";
        if (value.Length > MaxLength) return $"{field} is longer than {MaxLength} characters";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c)) return $"{field} contains a control character at position {i}";
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return $"{field} contains an invisible or line-breaking character at position {i}";
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) &&
                !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])))
                return $"{field} contains an unpaired surrogate at position {i}";
        }

        return null;
    }

    /// <summary>A double-quoted KQL literal for an already validated value.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A KQL datetime literal, UTC, 100 ns precision.</summary>
    public static string DateTime(DateTimeOffset value) =>
        "datetime(" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + ")";
}
