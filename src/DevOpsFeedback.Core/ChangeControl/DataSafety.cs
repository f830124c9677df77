using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.ChangeControl;

/// <summary>
/// Catches a staging slot wired to production data before a swap: every environment-bound setting
/// (all connection strings, plus the app setting names listed in policy) must be slot-sticky, so a swap
/// does not carry it across, and staging's value must differ from production's. Values are never echoed.
/// </summary>
public static class DataSafety
{
    public static ImmutableArray<string> Check(SlotsSnapshot slots, IReadOnlySet<string> environmentBoundAppSettings)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        var connectionNames = slots.Production.ConnectionStrings.Keys.Union(slots.Staging.ConnectionStrings.Keys, StringComparer.Ordinal);
        foreach (var name in connectionNames.Order(StringComparer.Ordinal))
        {
            Inspect("connection string", name, slots.Sticky.ConnectionStringNames, slots.Production.ConnectionStrings, slots.Staging.ConnectionStrings, problems);
        }

        var settingNames = slots.Production.AppSettings.Keys.Union(slots.Staging.AppSettings.Keys, StringComparer.Ordinal)
            .Where(environmentBoundAppSettings.Contains);
        foreach (var name in settingNames.Order(StringComparer.Ordinal))
        {
            Inspect("app setting", name, slots.Sticky.AppSettingNames, slots.Production.AppSettings, slots.Staging.AppSettings, problems);
        }

        return problems.ToImmutable();
    }

    private static void Inspect(
        string kind,
        string name,
        ImmutableSortedSet<string> sticky,
        ImmutableSortedDictionary<string, string> production,
        ImmutableSortedDictionary<string, string> staging,
        ImmutableArray<string>.Builder problems)
    {
        if (!sticky.Contains(name))
        {
            problems.Add($"{kind} '{name}' is environment-bound but not slot-sticky: a swap would carry staging's value into production");
        }

        if (production.TryGetValue(name, out var p) && staging.TryGetValue(name, out var s) && string.Equals(p, s, StringComparison.Ordinal))
        {
            problems.Add($"{kind} '{name}' has the same value in staging and production: staging is wired to production data");
        }
    }
}
