using System.Text;

namespace DevOpsFeedback.Feedback;

/// <summary>Escapes free text for Markdown so that user text is shown, never interpreted (no links, HTML, tables).</summary>
public static class MarkdownText
{
    private const string Special = "\\`*_{}[]()<>#+-.!|~&\"'";

    /// <summary>Backslash-escapes Markdown punctuation, encodes <c>&lt;</c>/<c>&gt;</c>/<c>&amp;</c>, and turns line breaks and tabs into spaces.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r' or '\n' or '\t': sb.Append(' '); break;
                default:
                    if (Special.Contains(c, StringComparison.Ordinal)) sb.Append('\\');
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}
