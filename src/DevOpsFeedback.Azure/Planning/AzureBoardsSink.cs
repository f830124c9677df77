using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Azure.Planning;

/// <summary>
/// Planning items as Azure Boards work items (REST 7.1): WIQL finds an open item tagged <c>fp:{key}</c>; it is
/// updated with a JSON Patch, or a new one is created. A 203 or any non-JSON answer (Azure DevOps' sign-in page for
/// a bad token) is an error, never a success.
/// </summary>
public sealed class AzureBoardsSink : IPlanningSink
{
    private const string ApiVersion = "7.1";
    private readonly AzureBoardsSinkOptions _options;
    private readonly HttpPipeline _pipeline;
    private readonly string _projectBase;

    /// <summary>With a personal access token (Basic auth, empty user name).</summary>
    public AzureBoardsSink(AzureBoardsSinkOptions options, string personalAccessToken, PlanningSinkClientOptions? clientOptions = null)
        : this(options, clientOptions, PatPolicy(personalAccessToken))
    {
    }

    /// <summary>With an Entra identity that has been added to the organization.</summary>
    public AzureBoardsSink(AzureBoardsSinkOptions options, TokenCredential credential, PlanningSinkClientOptions? clientOptions = null)
        : this(options, clientOptions, new BearerTokenAuthenticationPolicy(credential, AzureBoardsSinkOptions.Scope))
    {
    }

    private AzureBoardsSink(AzureBoardsSinkOptions options, PlanningSinkClientOptions? clientOptions, HttpPipelinePolicy auth)
    {
        options.Validate();
        _options = options;
        _projectBase = $"{options.OrganizationUrl!.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(options.Project)}/_apis/wit";
        var headers = new StaticHeadersPolicy(
        [
            new("Accept", "application/json"),
            new("X-TFS-FedAuthRedirect", "Suppress"),
        ]);
        _pipeline = HttpPipelineBuilder.Build(clientOptions ?? new PlanningSinkClientOptions(), headers, auth);
    }

    public string Name => "azure-boards";

    public async Task<SinkResult> UpsertAsync(PlanningItem item, CancellationToken cancellationToken)
    {
        var tag = Tag(item.Key);
        var existing = await FindOpenAsync(tag, cancellationToken);
        Uri uri;
        RequestMethod method;
        if (existing is null)
        {
            method = RequestMethod.Post;
            uri = new Uri($"{_projectBase}/workitems/${Uri.EscapeDataString(_options.WorkItemType)}?api-version={ApiVersion}");
        }
        else
        {
            method = RequestMethod.Patch;
            uri = new Uri($"{_projectBase}/workitems/{existing.Value}?api-version={ApiVersion}");
        }

        var body = Encoding.UTF8.GetBytes(Patch(item, tag, create: existing is null).ToJsonString());
        using var doc = await SinkHttp.SendJsonAsync(_pipeline, Name, method, uri, "application/json-patch+json", body, Explain, cancellationToken);
        var root = doc.RootElement;
        if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number)
        {
            throw new PlanningSinkException(Name, 200, "the work item response has no id");
        }

        var url = root.TryGetProperty("_links", out var links) && links.TryGetProperty("html", out var html) && html.TryGetProperty("href", out var href)
            ? href.GetString()
            : null;
        return new SinkResult(id.GetInt64().ToString(CultureInfo.InvariantCulture), url, existing is null);
    }

    /// <summary>The id of the oldest open work item carrying the tag, or null.</summary>
    internal async Task<long?> FindOpenAsync(string tag, CancellationToken cancellationToken)
    {
        var wiql = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project " +
                   $"AND [System.Tags] CONTAINS '{tag.Replace("'", "''", StringComparison.Ordinal)}' " +
                   "AND [System.State] NOT IN ('Closed', 'Done', 'Removed') ORDER BY [System.Id]";
        var body = JsonSerializer.SerializeToUtf8Bytes(new { query = wiql });
        var uri = new Uri($"{_projectBase}/wiql?api-version={ApiVersion}&$top=5");
        using var doc = await SinkHttp.SendJsonAsync(_pipeline, Name, RequestMethod.Post, uri, "application/json", body, Explain, cancellationToken);
        if (!doc.RootElement.TryGetProperty("workItems", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new PlanningSinkException(Name, 200, "the WIQL response has no workItems array");
        }

        long? found = null;
        foreach (var wi in items.EnumerateArray())
        {
            if (wi.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) && (found is null || value < found)) found = value;
        }

        return found;
    }

    internal static string Tag(string key) =>
        PlanningKeys.IsKey(key) ? $"fp:{key}" : throw new ArgumentException("not a planning key", nameof(key));

    private JsonArray Patch(PlanningItem item, string tag, bool create)
    {
        var ops = new JsonArray
        {
            Op("/fields/System.Title", Truncate(item.Title, 255)),
            Op("/fields/System.Description", Describe(item, tag)),
            Op("/fields/Microsoft.VSTS.Common.Priority", Priority(item.Score)),
        };
        if (create)
        {
            ops.Add(Op("/fields/System.Tags", $"devopsfeedback; {Kind(item.Kind)}; {item.Scope}; {tag}"));
            if (_options.AreaPath is { } area) ops.Add(Op("/fields/System.AreaPath", area));
        }

        return ops;
    }

    private static JsonObject Op(string path, JsonNode? value) => new() { ["op"] = "add", ["path"] = path, ["value"] = value };

    /// <summary>HTML with every piece of text encoded.</summary>
    internal static string Describe(PlanningItem item, string tag)
    {
        var p = item.ScoreParts;
        var sb = new StringBuilder();
        sb.Append("<p>").Append(WebUtility.HtmlEncode(item.Summary)).Append("</p>");
        sb.Append(CultureInfo.InvariantCulture, $"<p>Score {item.Score:F1} = reach {p.Reach:F1} + severity {p.Severity:F1} + trend {p.Trend:F1} + age {p.Age:F1}</p>");
        sb.Append("<ul>");
        foreach (var e in item.Evidence)
        {
            sb.Append("<li>").Append(WebUtility.HtmlEncode($"{e.Kind} {e.Reference}"));
            if (e.Note is not null) sb.Append(": ").Append(WebUtility.HtmlEncode(e.Note));
            sb.Append("</li>");
        }

        sb.Append("</ul><p>Planning key: ").Append(WebUtility.HtmlEncode(tag)).Append("</p>");
        return sb.ToString();
    }

    private static int Priority(double score) => score switch
    {
        >= 75 => 1,
        >= 50 => 2,
        >= 25 => 3,
        _ => 4,
    };

    private static string Kind(PlanningItemKind kind) => kind switch
    {
        PlanningItemKind.Theme => "feedback-theme",
        PlanningItemKind.FixForward => "fix-forward",
        PlanningItemKind.PostIncidentReview => "post-incident-review",
        _ => "overdue-action",
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string? Explain(global::Azure.Response response) => response.Status switch
    {
        203 => "203 Non-Authoritative with a sign-in page: the token is invalid, expired or lacks access to the organization",
        302 => "302 redirect to sign-in: the token is invalid or the identity is not in the organization",
        401 or 403 => $"{response.Status}: not authorized ({SinkHttp.ErrorMessage(response)}); the PAT needs vso.work_write or the identity project access",
        404 => $"404: unknown organization, project or work item type ({SinkHttp.ErrorMessage(response)})",
        429 => $"429: throttled by Azure DevOps (Retry-After {(response.Headers.TryGetValue("Retry-After", out var after) ? after : "not given")})",
        _ => null,
    };

    private static StaticHeadersPolicy PatPolicy(string pat)
    {
        if (string.IsNullOrWhiteSpace(pat)) throw new ArgumentException("a personal access token is required", nameof(pat));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + pat));
        return new StaticHeadersPolicy([new("Authorization", "Basic " + basic)]);
    }
}
