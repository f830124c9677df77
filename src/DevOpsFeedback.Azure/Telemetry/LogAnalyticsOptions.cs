namespace DevOpsFeedback.Azure.Telemetry;

/// <summary>Where and how to query the Log Analytics workspace behind Application Insights.</summary>
public sealed class LogAnalyticsOptions
{
    public const string SectionName = "LogAnalytics";

    /// <summary>Query API host (the documented current one by default).</summary>
    public Uri Endpoint { get; set; } = new("https://api.loganalytics.azure.com");

    /// <summary>The workspace GUID (customerId), not its ARM id.</summary>
    public string WorkspaceId { get; set; } = "";

    /// <summary>Token scope; the SDKs use this one for both hosts.</summary>
    public string Scope { get; set; } = "https://api.loganalytics.io/.default";

    /// <summary>App → <c>AppRoleName</c> when they differ; an app without an entry is its own role name.</summary>
    public Dictionary<string, string> RoleNames { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Server-side query timeout (<c>Prefer: wait=N</c>), 1–600 s.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Client-side timeout of one try.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(90);

    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Problems with these options, each naming its setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || Endpoint.Scheme != Uri.UriSchemeHttps)
            errors.Add($"{SectionName}:Endpoint must be an absolute https URI");
        if (!Guid.TryParse(WorkspaceId, out _)) errors.Add($"{SectionName}:WorkspaceId must be the workspace GUID");
        if (string.IsNullOrWhiteSpace(Scope)) errors.Add($"{SectionName}:Scope is required");
        if (ServerTimeout < TimeSpan.FromSeconds(1) || ServerTimeout > TimeSpan.FromSeconds(600))
            errors.Add($"{SectionName}:ServerTimeout must be between 1 and 600 seconds");
        if (NetworkTimeout <= TimeSpan.Zero) errors.Add($"{SectionName}:NetworkTimeout must be positive");
        if (MaxRetries is < 0 or > 10) errors.Add($"{SectionName}:MaxRetries must be between 0 and 10");
        if (RetryDelay < TimeSpan.Zero) errors.Add($"{SectionName}:RetryDelay must not be negative");
        foreach (var (app, role) in RoleNames)
            if (KqlLiteral.Validate(role, $"{SectionName}:RoleNames:{app}") is { } error) errors.Add(error);
        return errors;
    }
}
