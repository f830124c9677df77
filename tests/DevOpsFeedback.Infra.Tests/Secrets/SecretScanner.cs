using System.Text.RegularExpressions;

namespace DevOpsFeedback.Infra.Tests.Secrets;

/// <summary>Finds secret or key literals in deployment text. Expressions that fetch a secret at run time do not match.</summary>
internal static partial class SecretScanner
{
    private static readonly (string Name, Regex Pattern)[] Patterns =
    [
        ("storage account key", AccountKey()),
        ("storage connection string", DefaultEndpointsProtocol()),
        ("SAS connection string", SharedAccessSignature()),
        ("SAS token signature", SasSignature()),
        ("password literal", PasswordLiteral()),
        ("client secret literal", ClientSecretLiteral()),
        ("function key literal in a URL", FunctionKeyInUrl()),
        ("x-functions-key literal", FunctionKeyHeader()),
        ("instrumentation key literal", InstrumentationKey()),
        ("private key", PrivateKey()),
    ];

    public static IReadOnlyList<string> Find(string text)
    {
        var findings = new List<string>();
        foreach (var (name, pattern) in Patterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                findings.Add($"{name} at line {LineOf(text, m.Index)}: {m.Value}");
            }
        }

        return findings;
    }

    /// <summary>GUID-shaped literals: in a parameter file they are ids or secrets, and neither belongs there.</summary>
    public static IReadOnlyList<string> FindGuids(string text) =>
        Guid().Matches(text).Select(m => $"GUID literal at line {LineOf(text, m.Index)}: {m.Value}").ToList();

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"AccountKey\s*=\s*[^;'""\s$]", RegexOptions.IgnoreCase)]
    private static partial Regex AccountKey();

    [GeneratedRegex(@"DefaultEndpointsProtocol\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultEndpointsProtocol();

    [GeneratedRegex(@"SharedAccessSignature\s*=\s*[^;'""\s$]", RegexOptions.IgnoreCase)]
    private static partial Regex SharedAccessSignature();

    [GeneratedRegex(@"[?&]sig=[A-Za-z0-9%+/=]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex SasSignature();

    [GeneratedRegex(@"(?:password|passwd|pwd)\w*['""]?\s*[:=]\s*['""][^'""$\s][^'""]*['""]", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordLiteral();

    [GeneratedRegex(@"client[_-]?secret['""]?\s*[:=]\s*['""][^'""$\s][^'""]*['""]", RegexOptions.IgnoreCase)]
    private static partial Regex ClientSecretLiteral();

    [GeneratedRegex(@"[?&]code=[A-Za-z0-9_\-]{16,}", RegexOptions.IgnoreCase)]
    private static partial Regex FunctionKeyInUrl();

    [GeneratedRegex(@"x-functions-key\s*:\s*[A-Za-z0-9_\-]{16,}", RegexOptions.IgnoreCase)]
    private static partial Regex FunctionKeyHeader();

    [GeneratedRegex(@"InstrumentationKey\s*=\s*[0-9a-f]{8}-", RegexOptions.IgnoreCase)]
    private static partial Regex InstrumentationKey();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();
}
