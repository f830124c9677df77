using System.Text;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// Free text for Slack mrkdwn: &amp;, &lt; and &gt; become entities (Slack's escaping rule: otherwise text such as
/// <c>&lt;!channel&gt;</c> would ping everyone or <c>&lt;url|label&gt;</c> would make a link); control characters other than
/// newline and tab become spaces; text is cut to Slack's limits.
/// </summary>
internal static class SlackText
{
    public static string Escape(string? text, int maxLength = 2_900)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var source = text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength), "…") : text;
        var sb = new StringBuilder(source.Length + 16);
        foreach (var c in source)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\r': break;
                case '\n' or '\t': sb.Append(c); break;
                default: sb.Append(char.IsControl(c) ? ' ' : c); break;
            }
        }

        return sb.ToString();
    }
}
