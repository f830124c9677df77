using System.Text.RegularExpressions;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>
/// A validated ARM resource id of an App Service site:
/// <c>/subscriptions/{guid}/resourceGroups/{rg}/providers/Microsoft.Web/sites/{name}</c>.
/// Only values that pass this check reach a URL.
/// </summary>
public sealed partial record SiteResourceId(Guid SubscriptionId, string ResourceGroup, string SiteName)
{
    /// <summary>The canonical path, used as the base of every request on the site.</summary>
    public string Path => $"/subscriptions/{SubscriptionId:D}/resourceGroups/{ResourceGroup}/providers/Microsoft.Web/sites/{SiteName}";

    public override string ToString() => Path;

    /// <summary>Parses <paramref name="value"/>; <paramref name="field"/> names the setting in the error.</summary>
    public static SiteResourceId Parse(string? value, string field)
    {
        var match = value is null ? Match.Empty : SitePattern().Match(value);
        if (!match.Success)
        {
            throw new ArgumentException(
                $"{field} must be a site resource id '/subscriptions/{{guid}}/resourceGroups/{{group}}/providers/Microsoft.Web/sites/{{name}}' " +
                $"(group: 1-90 of letters, digits, '-', '_', '.', '(', ')' not ending in '.'; name: 2-60 of letters, digits, '-') (got '{value}').",
                field);
        }

        return new SiteResourceId(Guid.Parse(match.Groups["sub"].Value), match.Groups["rg"].Value, match.Groups["site"].Value);
    }

    /// <summary>True for a slot name App Service accepts: letters, digits and hyphens, 1-59 characters.</summary>
    public static bool IsValidSlotName(string? slot) => slot is not null && SlotPattern().IsMatch(slot);

    [GeneratedRegex(
        @"^/subscriptions/(?<sub>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})" +
        @"/resourceGroups/(?<rg>[-A-Za-z0-9_.()]{0,89}[-A-Za-z0-9_()])/providers/Microsoft\.Web/sites/(?<site>[A-Za-z0-9][A-Za-z0-9-]{0,58}[A-Za-z0-9])\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SitePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,58}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SlotPattern();
}
