using System.Text.RegularExpressions;

namespace DevOpsFeedback.Azure.Planning;

/// <summary>Where <see cref="GitHubIssuesSink"/> files issues.</summary>
public sealed partial class GitHubIssuesSinkOptions
{
    /// <summary>The REST API root (GitHub Enterprise Server: <c>https://host/api/v3</c>).</summary>
    public Uri ApiUrl { get; set; } = new("https://api.github.com");

    public string Owner { get; set; } = "";

    public string Repository { get; set; } = "";

    /// <summary>GitHub requires a User-Agent.</summary>
    public string UserAgent { get; set; } = "DevOpsFeedback";

    /// <summary>Pinned REST API version (2026-03-10 has breaking changes not yet reviewed).</summary>
    public string ApiVersion { get; set; } = "2022-11-28";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public void Validate()
    {
        if (!ApiUrl.IsAbsoluteUri || ApiUrl.Scheme is not ("https" or "http")) throw new ArgumentException("ApiUrl must be an absolute http(s) URL", nameof(ApiUrl));
        if (!NamePattern().IsMatch(Owner)) throw new ArgumentException("Owner must match [A-Za-z0-9._-]{1,100}", nameof(Owner));
        if (!NamePattern().IsMatch(Repository)) throw new ArgumentException("Repository must match [A-Za-z0-9._-]{1,100}", nameof(Repository));
        if (string.IsNullOrWhiteSpace(UserAgent)) throw new ArgumentException("UserAgent is required", nameof(UserAgent));
    }
}
