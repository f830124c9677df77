namespace DevOpsFeedback.Azure.Hosting;

/// <summary>How the Azure host runs releases. Bound from the <c>Release</c> section (<c>Release__TelemetrySource</c>, ...).</summary>
public sealed class ReleaseHostOptions
{
    public const string SectionName = "Release";

    /// <summary>The policy of a release request that names none.</summary>
    public string DefaultPolicy { get; set; } = "default";

    /// <summary>"LogAnalytics" (per-version frames with latency histograms, the default) or "Metrics" (platform metrics per slot).</summary>
    public string TelemetrySource { get; set; } = "LogAnalytics";

    /// <summary>
    /// Minutes each analysis waits after the period it judges, for telemetry to be ingested (Log Analytics and platform metrics
    /// arrive minutes late; a half-ingested last minute would read as lost traffic). Applied to every release policy.
    /// </summary>
    public int TelemetryDelayMinutes { get; set; } = 2;

    /// <summary>Whether an alert about an app after its release presses the red button (else an incident is only recorded).</summary>
    public bool BackoutOnAlertAfterRelease { get; set; }

    /// <summary>Client id of the user-assigned managed identity (also read from AZURE_CLIENT_ID by the credential).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// The managed apps as a list (<c>Release__Targets__0__App</c>, <c>__SiteResourceId</c>, <c>__Repository</c>, <c>__RoleName</c>):
    /// App Service app-setting names cannot hold '-', so per-app map keys such as <c>AppService__Apps__contoso-web</c> are not
    /// settable there. Folded into the adapters' per-app maps at start-up.
    /// </summary>
    public List<ManagedTarget> Targets { get; set; } = [];

    /// <summary>Base URL of this API as callers reach it, for status and approval links.</summary>
    public Uri? PublicBaseUrl { get; set; }

    private static IEnumerable<string> ReleaseApiOptionsPolicies => DevOpsFeedback.Api.ReleaseApiOptions.Default.Policies.Keys.Order(StringComparer.Ordinal);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TelemetrySource is not ("LogAnalytics" or "Metrics")) errors.Add($"Release:TelemetrySource must be 'LogAnalytics' or 'Metrics', not '{TelemetrySource}'");
        if (TelemetryDelayMinutes is < 0 or > 60) errors.Add($"Release:TelemetryDelayMinutes must be between 0 and 60, not {TelemetryDelayMinutes}");
        if (!ReleaseApiOptionsPolicies.Contains(DefaultPolicy)) errors.Add($"Release:DefaultPolicy '{DefaultPolicy}' is not a configured policy ({string.Join(", ", ReleaseApiOptionsPolicies)})");
        for (var i = 0; i < Targets.Count; i++)
        {
            if (!DevOpsFeedback.Orchestration.ReleaseIds.IsValid(Targets[i].App)) errors.Add($"Release:Targets:{i}:App must match [A-Za-z0-9._-]{{1,100}}");
            if (string.IsNullOrWhiteSpace(Targets[i].SiteResourceId)) errors.Add($"Release:Targets:{i}:SiteResourceId is required");
        }

        if (PublicBaseUrl is { IsAbsoluteUri: false }) errors.Add("Release:PublicBaseUrl must be an absolute URL");
        return errors;
    }
}

/// <summary>One managed app: its DevOpsFeedback name, its site's ARM id, and optionally its GitHub repository and App Insights role name.</summary>
public sealed class ManagedTarget
{
    public string App { get; set; } = "";

    public string SiteResourceId { get; set; } = "";

    public string? Repository { get; set; }

    public string? RoleName { get; set; }
}
