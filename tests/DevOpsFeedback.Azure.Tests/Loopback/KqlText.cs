using System.Text;

namespace DevOpsFeedback.Azure.Loopback;

/// <summary>
/// Reads KQL the way the engine tokenises string literals: <c>"..."</c> with backslash escapes. Used by the
/// stand-in and the injection tests to see what a query means, independently of how it was built.
/// </summary>
internal static class KqlText
{
    /// <summary>The query with every string literal replaced by <c>"?"</c>, and the decoded literals in order.</summary>
    public static (string Skeleton, List<string> Literals) Split(string query)
    {
        var skeleton = new StringBuilder();
        var literals = new List<string>();
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c == '/' && i + 1 < query.Length && query[i + 1] == '/')
            {
                var end = query.IndexOf('\n', i);
                end = end < 0 ? query.Length : end;
                skeleton.Append(query, i, end - i);
                i = end - 1;
                continue;
            }

            if (c != '"' && c != '\'')
            {
                skeleton.Append(c);
                continue;
            }

            var quote = c;
            var literal = new StringBuilder();
            i++;
            for (; i < query.Length && query[i] != quote; i++)
            {
                if (query[i] == '\n') throw new FormatException("newline inside a string literal");
                if (query[i] == '\\')
                {
                    i++;
                    if (i >= query.Length) throw new FormatException("unterminated escape");
                    literal.Append(query[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                }
                else
                {
                    literal.Append(query[i]);
                }
            }

            if (i >= query.Length) throw new FormatException("unterminated string literal");
            skeleton.Append("\"?\"");
            literals.Add(literal.ToString());
        }

        return (skeleton.ToString(), literals);
    }
}
