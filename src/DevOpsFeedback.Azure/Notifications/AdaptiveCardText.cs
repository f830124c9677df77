using System.Text;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// Free text for an Adaptive Card TextBlock or fact value, which Teams renders as (a subset of) Markdown and scans for
/// <c>{{DATE(...)}}</c>/<c>{{TIME(...)}}</c> functions: Markdown punctuation, angle brackets and braces are
/// backslash-escaped (CommonMark escapes) so hostile text shows literally and cannot add links, formatting or functions;
/// control characters other than newline and tab become spaces; text is cut to a length Teams accepts.
/// </summary>
internal static class AdaptiveCardText
{
    private const string Special = "\\`*_~[]()<>{}#|!";

    public static string Escape(string? text, int maxLength = 4_000)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var source = text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength), "…") : text;
        var sb = new StringBuilder(source.Length + 16);
        var lineStart = true;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\r') continue;
            if (char.IsControl(c) && c is not '\n' and not '\t') c = ' ';
            if (Special.Contains(c, StringComparison.Ordinal) || (lineStart && c is '-' or '+' or '=') || (lineStart && char.IsAsciiDigit(c) && OrderedListMarker(source, i)))
            {
                sb.Append('\\');
            }

            sb.Append(c);
            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
        }

        return sb.ToString();
    }

    /// <summary>"12. " or "3) " at the start of a line would start a list.</summary>
    private static bool OrderedListMarker(string s, int i)
    {
        var j = i;
        while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
        return j < s.Length && s[j] is '.' or ')' && (j + 1 == s.Length || s[j + 1] is ' ' or '\t');
    }
}
