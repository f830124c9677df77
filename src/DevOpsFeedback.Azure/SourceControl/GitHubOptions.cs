using System.Text.RegularExpressions;

namespace DevOpsFeedback.Azure.SourceControl;

/// <summary>Which GitHub repository holds each app's code, and how to call the REST API.</summary>
public sealed partial class GitHubOptions
{
    public const string SectionName = "GitHub";

    public Uri ApiBaseUrl { get; set; } = new("https://api.github.com");

    /// <summary>Token (fine-grained or app installation) with read access to contents; from configuration or a secret store, never logged.</summary>
    public string? Token { get; set; }

    /// <summary>App → "owner/repo".</summary>
    public Dictionary<string, string> Repositories { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string ApiVersion { get; set; } = "2022-11-28";

    /// <summary>Longest wait for a rate limit to reset before giving up with an error.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times one call waits for a rate limit.</summary>
    public int MaxRateLimitRetries { get; set; } = 1;

    /// <summary>Upper bound on the missing commits listed (the count is still exact in the status).</summary>
    public int MaxMissingCommits { get; set; } = 250;

    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ApiBaseUrl is null || !ApiBaseUrl.IsAbsoluteUri ||
            !(ApiBaseUrl.Scheme == Uri.UriSchemeHttps || (ApiBaseUrl.Scheme == Uri.UriSchemeHttp && ApiBaseUrl.IsLoopback)))
            errors.Add($"{SectionName}:ApiBaseUrl must be an absolute https URI (http only on loopback)");
        // An empty value is how an app setting says "none" (public repositories need no token).
        if (!string.IsNullOrEmpty(Token) && Token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            errors.Add($"{SectionName}:Token must not contain whitespace");
        foreach (var (app, repository) in Repositories)
            if (repository is null || !Repository().IsMatch(repository))
                errors.Add($"{SectionName}:Repositories:{app} must be \"owner/repo\"");
        if (MaxRateLimitWait < TimeSpan.Zero) errors.Add($"{SectionName}:MaxRateLimitWait must not be negative");
        if (MaxRateLimitRetries is < 0 or > 5) errors.Add($"{SectionName}:MaxRateLimitRetries must be between 0 and 5");
        if (MaxMissingCommits is < 1 or > 10_000) errors.Add($"{SectionName}:MaxMissingCommits must be between 1 and 10000");
        if (NetworkTimeout <= TimeSpan.Zero) errors.Add($"{SectionName}:NetworkTimeout must be positive");
        if (MaxRetries is < 0 or > 10) errors.Add($"{SectionName}:MaxRetries must be between 0 and 10");
        if (RetryDelay < TimeSpan.Zero) errors.Add($"{SectionName}:RetryDelay must not be negative");
        return errors;
    }

    /// <summary>GitHub owner (1–39 chars) and repository name.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    internal static partial Regex Repository();

    /// <summary>A commit id: abbreviated or full SHA-1, or SHA-256.</summary>
    [GeneratedRegex(@"^[0-9a-fA-F]{7,64}$", RegexOptions.CultureInvariant)]
    internal static partial Regex CommitSha();
}
