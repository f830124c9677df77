namespace DevOpsFeedback.Azure.Planning;

/// <summary>Where <see cref="AzureBoardsSink"/> creates work items.</summary>
public sealed class AzureBoardsSinkOptions
{
    /// <summary>The organization URL, e.g. <c>https://dev.azure.com/contoso</c>.</summary>
    public Uri? OrganizationUrl { get; set; }

    /// <summary>Project name or id.</summary>
    public string Project { get; set; } = "";

    /// <summary>Work item type: <c>Issue</c>, <c>Bug</c>, <c>Task</c>, <c>User Story</c>, <c>Product Backlog Item</c>.</summary>
    public string WorkItemType { get; set; } = "Issue";

    /// <summary>Optional area path for new items.</summary>
    public string? AreaPath { get; set; }

    /// <summary>The Entra scope for Azure DevOps (used with a <c>TokenCredential</c>).</summary>
    public const string Scope = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    public void Validate()
    {
        if (OrganizationUrl is null || !OrganizationUrl.IsAbsoluteUri || OrganizationUrl.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException("OrganizationUrl must be an absolute http(s) URL such as https://dev.azure.com/contoso", nameof(OrganizationUrl));
        }

        if (string.IsNullOrWhiteSpace(Project) || Project.Length > 64) throw new ArgumentException("Project is required (at most 64 characters)", nameof(Project));
        if (string.IsNullOrWhiteSpace(WorkItemType) || WorkItemType.Length > 128) throw new ArgumentException("WorkItemType is required", nameof(WorkItemType));
    }
}
