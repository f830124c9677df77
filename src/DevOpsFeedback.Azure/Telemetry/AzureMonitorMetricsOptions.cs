using System.Text.RegularExpressions;

namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>Where and how to read App Service platform metrics (Azure Monitor metrics REST on ARM).</summary>
public sealed partial class AzureMonitorMetricsOptions
{
    public const string SectionName = "Metrics";

    public Uri Endpoint { get; set; } = new("https://management.azure.com");

    public string Scope { get; set; } = "https://management.azure.com/.default";

    public string ApiVersion { get; set; } = "2024-02-01";

    /// <summary>App → ARM id of its site (<c>/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Web/sites/{name}</c>).</summary>
    public Dictionary<string, string> Sites { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || Endpoint.Scheme != Uri.UriSchemeHttps)
            errors.Add($"{SectionName}:Endpoint must be an absolute https URI");
        if (string.IsNullOrWhiteSpace(Scope)) errors.Add($"{SectionName}:Scope is required");
        if (string.IsNullOrWhiteSpace(ApiVersion)) errors.Add($"{SectionName}:ApiVersion is required");
        if (NetworkTimeout <= TimeSpan.Zero) errors.Add($"{SectionName}:NetworkTimeout must be positive");
        if (MaxRetries is < 0 or > 10) errors.Add($"{SectionName}:MaxRetries must be between 0 and 10");
        if (RetryDelay < TimeSpan.Zero) errors.Add($"{SectionName}:RetryDelay must not be negative");
        foreach (var (app, id) in Sites)
            if (id is null || !SiteId().IsMatch(id))
                errors.Add($"{SectionName}:Sites:{app} must be a site id /subscriptions/{{s}}/resourceGroups/{{rg}}/providers/Microsoft.Web/sites/{{name}}");
        return errors;
    }

    /// <summary>A site id: subscription GUID, resource group and site name in their ARM character sets.</summary>
    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\w\._\(\)]{1,90}/providers/Microsoft\.Web/sites/[A-Za-z0-9-]{1,60}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex SiteId();

    /// <summary>A slot name as App Service allows it.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9-]{1,59}$", RegexOptions.CultureInvariant)]
    internal static partial Regex SlotName();
}
