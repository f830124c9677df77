using System.Text;
using System.Text.RegularExpressions;

namespace DevOpsFeedback.Infra.Tests.Bicep;

/// <summary>
/// Just enough of a Bicep reader for structural checks: comments removed, string contents masked so that braces
/// in strings (and in their interpolations) do not confuse the block structure, and resource declarations with
/// their top-level properties.
/// </summary>
internal sealed partial class BicepDocument
{
    private BicepDocument(string path, string stripped, string masked)
    {
        Path = path;
        Stripped = stripped;
        Masked = masked;
        Resources = ReadResources();
    }

    public string Path { get; }

    /// <summary>The text with comments blanked out (same length and line breaks as the file).</summary>
    public string Stripped { get; }

    /// <summary><see cref="Stripped"/> with the characters inside string literals replaced, interpolations kept.</summary>
    public string Masked { get; }

    public IReadOnlyList<BicepResource> Resources { get; }

    public IReadOnlyList<BicepModule> Modules => ReadModules();

    /// <summary>Parameters declared with <c>param name type</c>: name to whether it has a default (or is nullable).</summary>
    public IReadOnlyDictionary<string, bool> DeclaredParameters =>
        ParamDeclaration().Matches(Stripped).ToDictionary(
            m => m.Groups[1].Value,
            m => m.Groups[3].Success || m.Groups[2].Value.TrimEnd().EndsWith('?'),
            StringComparer.Ordinal);

    /// <summary>Parameters assigned in a .bicepparam file with <c>param name = value</c>.</summary>
    public IReadOnlySet<string> AssignedParameters =>
        ParamAssignment().Matches(Stripped).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public string? TargetScope => TargetScopePattern().Match(Stripped) is { Success: true } m ? m.Groups[1].Value : null;

    public static BicepDocument Load(string path) => Parse(File.ReadAllText(path), path);

    public static BicepDocument Parse(string text, string path = "inline.bicep")
    {
        var stripped = new StringBuilder(text.Length);
        var masked = new StringBuilder(text.Length);
        var i = 0;
        ScanCode(text, ref i, stripped, masked, stopAtUnmatchedBrace: false);
        return new BicepDocument(path, stripped.ToString(), masked.ToString());
    }

    private static void ScanCode(string text, ref int i, StringBuilder stripped, StringBuilder masked, bool stopAtUnmatchedBrace)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    Append(stripped, masked, ' ');
                    i++;
                }
            }
            else if (c == '/' && next == '*')
            {
                while (i < text.Length && !(text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    Append(stripped, masked, text[i] == '\n' ? '\n' : ' ');
                    i++;
                }

                Append(stripped, masked, ' ');
                Append(stripped, masked, ' ');
                i = Math.Min(i + 2, text.Length);
            }
            else if (c == '\'')
            {
                ScanString(text, ref i, stripped, masked);
            }
            else
            {
                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}')
                {
                    if (depth == 0 && stopAtUnmatchedBrace)
                    {
                        return;
                    }

                    depth--;
                }

                Append(stripped, masked, c);
                i++;
            }
        }
    }

    private static void ScanString(string text, ref int i, StringBuilder stripped, StringBuilder masked)
    {
        Append(stripped, masked, '\'');
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                stripped.Append(c).Append(text[i + 1]);
                masked.Append("__");
                i += 2;
            }
            else if (c == '\'')
            {
                Append(stripped, masked, '\'');
                i++;
                return;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                Append(stripped, masked, '$');
                Append(stripped, masked, '{');
                i += 2;
                ScanCode(text, ref i, stripped, masked, stopAtUnmatchedBrace: true);
                if (i < text.Length)
                {
                    Append(stripped, masked, '}');
                    i++;
                }
            }
            else
            {
                stripped.Append(c);
                masked.Append(c == '\n' ? '\n' : '_');
                i++;
            }
        }
    }

    private static void Append(StringBuilder stripped, StringBuilder masked, char c)
    {
        stripped.Append(c);
        masked.Append(c);
    }

    private List<BicepResource> ReadResources()
    {
        var resources = new List<BicepResource>();
        foreach (Match m in ResourcePattern().Matches(Stripped))
        {
            if (Masked[m.Index] != 'r' && !char.IsWhiteSpace(Masked[m.Index]))
            {
                continue; // inside a string
            }

            var open = Masked.IndexOf('{', m.Index + m.Length);
            if (open < 0)
            {
                throw new FormatException($"{Path}: resource {m.Groups[1].Value} has no body.");
            }

            var close = MatchingBrace(open);
            var body = Stripped[(open + 1)..close];
            var maskedBody = Masked[(open + 1)..close];
            resources.Add(new BicepResource(
                Symbol: m.Groups[1].Value,
                Type: m.Groups[2].Value,
                ApiVersion: m.Groups[3].Value,
                IsExisting: m.Groups[4].Success,
                Body: body,
                TopLevel: TopLevelProperties(body, maskedBody)));
        }

        return resources;
    }

    private List<BicepModule> ReadModules()
    {
        var modules = new List<BicepModule>();
        foreach (Match m in ModulePattern().Matches(Stripped))
        {
            var open = Masked.IndexOf('{', m.Index + m.Length);
            var close = MatchingBrace(open);
            var maskedBody = Masked[(open + 1)..close];
            var parameters = new HashSet<string>(StringComparer.Ordinal);
            var paramsKey = ParamsKey().Match(maskedBody);
            if (paramsKey.Success)
            {
                var paramsOpen = open + 1 + maskedBody.IndexOf('{', paramsKey.Index);
                var paramsClose = MatchingBrace(paramsOpen);
                parameters.UnionWith(TopLevelProperties(Stripped[(paramsOpen + 1)..paramsClose], Masked[(paramsOpen + 1)..paramsClose]).Keys);
            }

            modules.Add(new BicepModule(m.Groups[1].Value, m.Groups[2].Value, parameters));
        }

        return modules;
    }

    private int MatchingBrace(int open)
    {
        var depth = 0;
        for (var i = open; i < Masked.Length; i++)
        {
            if (Masked[i] == '{')
            {
                depth++;
            }
            else if (Masked[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"{Path}: unbalanced braces after offset {open}.");
    }

    /// <summary>Properties written directly in the resource's object: key to the rest of its line.</summary>
    private static Dictionary<string, string> TopLevelProperties(string body, string maskedBody)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var depth = 0;
        var lineStart = 0;
        var lineStartDepth = 0;
        for (var i = 0; i <= maskedBody.Length; i++)
        {
            if (i == maskedBody.Length || maskedBody[i] == '\n')
            {
                if (lineStartDepth == 0)
                {
                    var maskedLine = maskedBody[lineStart..i];
                    var key = KeyPattern().Match(maskedLine);
                    if (key.Success)
                    {
                        result.TryAdd(key.Groups[1].Value, body[(lineStart + key.Length)..i].Trim());
                    }
                }

                lineStart = i + 1;
                lineStartDepth = depth;
                continue;
            }

            switch (maskedBody[i])
            {
                case '{' or '[' or '(':
                    depth++;
                    break;
                case '}' or ']' or ')':
                    depth--;
                    break;
            }
        }

        return result;
    }

    [GeneratedRegex(@"(?m)^[ \t]*resource[ \t]+(\w+)[ \t]+'([^'@]+)@([^']+)'[ \t]+(existing[ \t]+)?=")]
    private static partial Regex ResourcePattern();

    [GeneratedRegex(@"(?m)^[ \t]*module[ \t]+(\w+)[ \t]+'([^']+)'[ \t]*=")]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"(?m)^[ \t]*params:\s*\{")]
    private static partial Regex ParamsKey();

    [GeneratedRegex(@"(?m)^param[ \t]+(\w+)[ \t]+([^=\n]+?)[ \t]*(=.*)?$")]
    private static partial Regex ParamDeclaration();

    [GeneratedRegex(@"(?m)^param[ \t]+(\w+)[ \t]*=")]
    private static partial Regex ParamAssignment();

    [GeneratedRegex(@"^\s*(\w+)\s*:")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"(?m)^\s*targetScope\s*=\s*'(\w+)'")]
    private static partial Regex TargetScopePattern();
}
