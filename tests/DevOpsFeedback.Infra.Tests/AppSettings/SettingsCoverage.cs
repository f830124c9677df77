using System.Text.RegularExpressions;
using DevOpsFeedback.Infra.Tests.Bicep;

namespace DevOpsFeedback.Infra.Tests.AppSettings;

/// <summary>What main.bicep sets and infra/README.md declares optional, and which required settings neither covers.</summary>
internal sealed partial record SettingsCoverage(IReadOnlySet<string> SetExactly, IReadOnlySet<string> SetAsPrefix, IReadOnlySet<string> Optional)
{
    public const string OptionalSectionHeading = "## Optional settings";

    public static SettingsCoverage From(BicepDocument main, string readme)
    {
        var exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in SettingNamePattern().Matches(main.Stripped))
        {
            (m.Groups[2].Value.Length == 0 ? exact : prefixes).Add(m.Groups[1].Value);
        }

        return new SettingsCoverage(exact, prefixes, OptionalSettings(readme));
    }

    /// <summary>Backticked setting names in the README's "Optional settings" section.</summary>
    public static IReadOnlySet<string> OptionalSettings(string readme)
    {
        var optional = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var start = readme.IndexOf(OptionalSectionHeading, StringComparison.Ordinal);
        if (start < 0)
        {
            return optional;
        }

        var end = readme.IndexOf("\n## ", start + OptionalSectionHeading.Length, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        foreach (Match m in BacktickedNamePattern().Matches(section))
        {
            optional.Add(m.Groups[1].Value);
        }

        return optional;
    }

    public bool Covers(RequiredSetting setting) =>
        Optional.Contains(setting.Key)
        || SetExactly.Contains(setting.Key)
        || (setting.IsMap && SetAsPrefix.Any(p => p.StartsWith(setting.Key + "__", StringComparison.OrdinalIgnoreCase)));

    public IReadOnlyList<RequiredSetting> Missing(IEnumerable<RequiredSetting> required) =>
        required.Where(s => !Covers(s)).ToList();

    // name: 'Section__Property' (exact) or name: 'Section__Map__${item}' (a prefix; group 2 holds the interpolation).
    [GeneratedRegex(@"\bname:\s*'([A-Za-z_][A-Za-z0-9_]*)(?:'|(\$\{))")]
    private static partial Regex SettingNamePattern();

    [GeneratedRegex(@"`([A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex BacktickedNamePattern();
}
