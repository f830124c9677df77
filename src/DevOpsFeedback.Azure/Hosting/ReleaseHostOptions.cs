namespace DevOpsFeedback.Azure.Hosting;

/// <summary>How the Azure host runs releases. Bound from the <c>Release</c> section (<c>Release__TelemetrySource</c>, ...).</summary>
public sealed class ReleaseHostOptions
{
    public const string SectionName = "Release";

    /// <summary>The policy of a release request that names none.</summary>
    public string DefaultPolicy { get; set; } = "default";

    /// <summary>"LogAnalytics" (per-version frames with latency histograms, the default) or "Metrics" (platform metrics per slot).</summary>
    public string TelemetrySource { get; set; } = "LogAnalytics";

    /// <summary>Whether an alert about an app after its release presses the red button (else an incident is only recorded).</summary>
    public bool BackoutOnAlertAfterRelease { get; set; }

    /// <summary>Client id of the user-assigned managed identity (also read from AZURE_CLIENT_ID by the credential).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Base URL of this API as callers reach it, for status and approval links.</summary>
    public Uri? PublicBaseUrl { get; set; }

    private static IEnumerable<string> ReleaseApiOptionsPolicies => DevOpsFeedback.Api.ReleaseApiOptions.Default.Policies.Keys.Order(StringComparer.Ordinal);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TelemetrySource is not ("LogAnalytics" or "Metrics")) errors.Add($"Release:TelemetrySource must be 'LogAnalytics' or 'Metrics', not '{TelemetrySource}'");
        if (!ReleaseApiOptionsPolicies.Contains(DefaultPolicy)) errors.Add($"Release:DefaultPolicy '{DefaultPolicy}' is not a configured policy ({string.Join(", ", ReleaseApiOptionsPolicies)})");
        if (PublicBaseUrl is { IsAbsoluteUri: false }) errors.Add("Release:PublicBaseUrl must be an absolute URL");
        return errors;
    }
}
