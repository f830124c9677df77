using Azure.Core;
using DevOpsFeedback.Azure.Planning;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Azure.Hosting;

/// <summary>
/// The weekly planning digest. Bound from the <c>PlanningDigest</c> section. Off unless <see cref="Sink"/> names one:
/// <c>azure-boards</c> (with <c>PlanningDigest__AzureBoardsSink__*</c>; a PAT in <c>AzureBoardsToken</c>, else the managed
/// identity) or <c>github-issues</c> (with <c>PlanningDigest__GitHubSink__*</c> and <c>GitHubToken</c>).
/// </summary>
public sealed class PlanningDigestOptions
{
    public const string SectionName = "PlanningDigest";
    public const string AzureBoards = "azure-boards";
    public const string GitHubIssues = "github-issues";

    /// <summary>The Functions timer (six-field CRON, <c>%PlanningDigest:Schedule%</c>): Mondays 07:00 UTC by default.</summary>
    public string Schedule { get; set; } = "0 0 7 * * 1";

    /// <summary>How often <c>dfb serve</c> runs the digest.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Days of feedback, releases and incidents each digest plans over.</summary>
    public int PeriodDays { get; set; } = 28;

    /// <summary>Empty (off), <c>azure-boards</c> or <c>github-issues</c>.</summary>
    public string? Sink { get; set; }

    public AzureBoardsSinkOptions AzureBoardsSink { get; set; } = new();

    /// <summary>A personal access token for Azure Boards; empty uses the managed identity (added to the organization).</summary>
    public string? AzureBoardsToken { get; set; }

    public GitHubIssuesSinkOptions GitHubSink { get; set; } = new();

    /// <summary>A token with issues read/write on the repository.</summary>
    public string? GitHubToken { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Sink);

    public TimeSpan Period => TimeSpan.FromDays(PeriodDays);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Interval < TimeSpan.FromMinutes(1)) errors.Add($"{SectionName}:Interval must be at least one minute");
        if (PeriodDays is < 1 or > 366) errors.Add($"{SectionName}:PeriodDays must be from 1 to 366");
        switch (Sink)
        {
            case null or "":
                break;
            case AzureBoards:
                Check(errors, "AzureBoardsSink", AzureBoardsSink.Validate);
                break;
            case GitHubIssues:
                Check(errors, "GitHubSink", GitHubSink.Validate);
                if (string.IsNullOrWhiteSpace(GitHubToken)) errors.Add($"{SectionName}:GitHubToken is required with the github-issues sink");
                break;
            default:
                errors.Add($"{SectionName}:Sink must be empty, '{AzureBoards}' or '{GitHubIssues}', not '{Sink}'");
                break;
        }

        return errors;
    }

    /// <summary>The configured sink, or null when the digest is off; throws naming each bad setting.</summary>
    public IPlanningSink? CreateSink(TokenCredential? credential, PlanningSinkClientOptions? clientOptions = null)
    {
        var errors = Validate();
        if (errors.Count > 0) throw new InvalidSettingsException("invalid configuration: " + string.Join("; ", errors));
        return Sink switch
        {
            AzureBoards when !string.IsNullOrWhiteSpace(AzureBoardsToken) => new AzureBoardsSink(AzureBoardsSink, AzureBoardsToken, clientOptions),
            AzureBoards when credential is not null => new AzureBoardsSink(AzureBoardsSink, credential, clientOptions),
            AzureBoards => throw new InvalidSettingsException($"invalid configuration: {SectionName}:AzureBoardsToken is required where there is no managed identity"),
            GitHubIssues => new GitHubIssuesSink(GitHubSink, GitHubToken!, clientOptions),
            _ => null,
        };
    }

    private static void Check(List<string> errors, string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{SectionName}:{section}:{ex.ParamName}: {ex.Message}");
        }
    }
}
