namespace DevOpsFeedback.Azure.AppService;

/// <summary>Settings of the App Service adapter, bound from the <c>AppService</c> configuration section.</summary>
public sealed class AppServiceOptions
{
    public const string SectionName = "AppService";

    /// <summary>The ARM endpoint; every URL the adapter builds or follows must be on this authority.</summary>
    public Uri ArmEndpoint { get; set; } = new("https://management.azure.com");

    /// <summary>The token scope requested from the credential.</summary>
    public string TokenScope { get; set; } = "https://management.azure.com/.default";

    /// <summary>Time allowed for one smoke-test probe (the overall budget is the spec's timeout).</summary>
    public TimeSpan SmokeTestProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Microsoft.Web api-version sent on every call.</summary>
    public string ApiVersion { get; set; } = "2025-05-01";

    /// <summary>The apps this adapter may manage: app name → resource id of the site.</summary>
    public Dictionary<string, string> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The app setting that holds the version a slot runs. Must not be slot-sticky.</summary>
    public string VersionSettingName { get; set; } = "DFB_VERSION";

    /// <summary>The app setting that holds the commit a slot runs. Must not be slot-sticky.</summary>
    public string CommitSettingName { get; set; } = "DFB_COMMIT";

    /// <summary>The slot swapped with production.</summary>
    public string StagingSlotName { get; set; } = "staging";

    /// <summary>How long a swap may take, polling included, before the adapter gives up.</summary>
    public TimeSpan SwapTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Poll interval of a long-running operation when the service sends no <c>Retry-After</c>.</summary>
    public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of throttled (429) and transient (5xx) answers; waits honour <c>Retry-After</c>.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay when the service sends no <c>Retry-After</c> (then exponential).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Scheme of the smoke-test probes ("https" in Azure; a loopback test may use "http").</summary>
    public string SmokeTestScheme { get; set; } = "https";

    /// <summary>Port of the smoke-test probes; null uses the scheme's default (tests point it at loopback).</summary>
    public int? SmokeTestPort { get; set; }

    /// <summary>The site resource id configured for <paramref name="app"/>, parsed and validated.</summary>
    public SiteResourceId ResolveSite(string app)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        if (!Apps.TryGetValue(app, out var id))
        {
            throw new ArgumentException(
                $"app '{app}' is not configured in {SectionName}:{nameof(Apps)} (known: {string.Join(", ", Apps.Keys.Order())}).",
                nameof(app));
        }

        return SiteResourceId.Parse(id, $"{SectionName}:{nameof(Apps)}:{app}");
    }

    /// <summary>Checks every field; throws naming the first bad one. Call at start-up.</summary>
    public void Validate()
    {
        if (ArmEndpoint is null || !ArmEndpoint.IsAbsoluteUri || ArmEndpoint.Scheme != Uri.UriSchemeHttps ||
            ArmEndpoint.PathAndQuery != "/")
        {
            throw new ArgumentException($"{SectionName}:{nameof(ArmEndpoint)} must be an absolute https URL without a path (got '{ArmEndpoint}').");
        }

        if (string.IsNullOrWhiteSpace(ApiVersion) || !ApiVersion.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"{SectionName}:{nameof(ApiVersion)} must look like 2025-05-01 (got '{ApiVersion}').");
        }

        if (Apps is null || Apps.Count == 0)
        {
            throw new ArgumentException($"{SectionName}:{nameof(Apps)} must name at least one app and its site resource id.");
        }

        foreach (var (app, _) in Apps)
        {
            _ = ResolveSite(app);
        }

        ValidateSettingName(VersionSettingName, nameof(VersionSettingName));
        ValidateSettingName(CommitSettingName, nameof(CommitSettingName));
        if (string.Equals(VersionSettingName, CommitSettingName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{SectionName}:{nameof(VersionSettingName)} and {nameof(CommitSettingName)} must differ.");
        }

        if (!SiteResourceId.IsValidSlotName(StagingSlotName) || string.Equals(StagingSlotName, "production", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{SectionName}:{nameof(StagingSlotName)} must be a slot name of letters, digits and hyphens, not 'production' (got '{StagingSlotName}').");
        }

        if (SwapTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{nameof(SwapTimeout)} must be positive (got {SwapTimeout}).");
        }

        if (DefaultPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{nameof(DefaultPollInterval)} must be positive (got {DefaultPollInterval}).");
        }

        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentException($"{SectionName}:{nameof(MaxRetries)} must be between 0 and 10 (got {MaxRetries}).");
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{nameof(RetryDelay)} must not be negative (got {RetryDelay}).");
        }

        if (string.IsNullOrWhiteSpace(TokenScope) || !TokenScope.EndsWith("/.default", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{SectionName}:{nameof(TokenScope)} must end in '/.default' (got '{TokenScope}').");
        }

        if (SmokeTestProbeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{nameof(SmokeTestProbeTimeout)} must be positive (got {SmokeTestProbeTimeout}).");
        }

        if (SmokeTestScheme is not ("https" or "http"))
        {
            throw new ArgumentException($"{SectionName}:{nameof(SmokeTestScheme)} must be 'https' or 'http' (got '{SmokeTestScheme}').");
        }

        if (SmokeTestPort is < 1 or > 65535)
        {
            throw new ArgumentException($"{SectionName}:{nameof(SmokeTestPort)} must be a TCP port (got {SmokeTestPort}).");
        }
    }

    private static void ValidateSettingName(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw new ArgumentException($"{SectionName}:{field} must be an app setting name of letters, digits, '_', '.' or '-' (got '{value}').");
        }
    }
}
