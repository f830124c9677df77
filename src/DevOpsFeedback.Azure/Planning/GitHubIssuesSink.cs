using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Azure.Planning;

/// <summary>
/// Planning items as GitHub issues: the item's key is a label (<c>fp:{key}</c>) and a marker in the body. The open
/// issue with the label is found by listing (consistent, unlike search; pull requests skipped) and updated, or a new
/// issue is created. Bad tokens, missing access, disabled issues and rate limits are errors.
/// </summary>
public sealed class GitHubIssuesSink : IPlanningSink
{
    private const int MaxPages = 10;
    private readonly HttpPipeline _pipeline;
    private readonly string _repoBase;

    public GitHubIssuesSink(GitHubIssuesSinkOptions options, string token, PlanningSinkClientOptions? clientOptions = null)
    {
        options.Validate();
        if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("a GitHub token is required", nameof(token));
        _repoBase = $"{options.ApiUrl.AbsoluteUri.TrimEnd('/')}/repos/{options.Owner}/{options.Repository}";
        var headers = new StaticHeadersPolicy(
        [
            new("Accept", "application/vnd.github+json"),
            new("Authorization", "Bearer " + token),
            new("X-GitHub-Api-Version", options.ApiVersion),
            new("User-Agent", options.UserAgent),
        ]);
        var client = clientOptions ?? new PlanningSinkClientOptions();
        _pipeline = HttpPipelineBuilder.Build(client, headers);
    }

    public string Name => "github-issues";

    public async Task<SinkResult> UpsertAsync(PlanningItem item, CancellationToken cancellationToken)
    {
        var label = AzureBoardsSink.Tag(item.Key);
        var existing = await FindOpenAsync(label, cancellationToken);
        var body = Body(item, label);
        using var doc = existing is null
            ? await SinkHttp.SendJsonAsync(_pipeline, Name, RequestMethod.Post, new Uri($"{_repoBase}/issues"), "application/json",
                JsonSerializer.SerializeToUtf8Bytes(new { title = item.Title, body, labels = new[] { "devopsfeedback", label } }), Explain, cancellationToken)
            : await SinkHttp.SendJsonAsync(_pipeline, Name, RequestMethod.Patch, new Uri($"{_repoBase}/issues/{existing.Value}"), "application/json",
                JsonSerializer.SerializeToUtf8Bytes(new { title = item.Title, body }), Explain, cancellationToken);
        var root = doc.RootElement;
        if (!root.TryGetProperty("number", out var number) || !number.TryGetInt64(out var n))
        {
            throw new PlanningSinkException(Name, 200, "the issue response has no number");
        }

        var url = root.TryGetProperty("html_url", out var html) ? html.GetString() : null;
        return new SinkResult(n.ToString(CultureInfo.InvariantCulture), url, existing is null);
    }

    /// <summary>The lowest-numbered open issue (not pull request) labelled <paramref name="label"/>, or null.</summary>
    internal async Task<long?> FindOpenAsync(string label, CancellationToken cancellationToken)
    {
        long? found = null;
        for (var page = 1; page <= MaxPages; page++)
        {
            var uri = new Uri($"{_repoBase}/issues?state=open&labels={Uri.EscapeDataString(label)}&per_page=100&page={page}");
            using var doc = await SinkHttp.SendJsonAsync(_pipeline, Name, RequestMethod.Get, uri, null, null, Explain, cancellationToken);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new PlanningSinkException(Name, 200, "the issue list is not an array");
            }

            var count = 0;
            foreach (var issue in doc.RootElement.EnumerateArray())
            {
                count++;
                if (issue.TryGetProperty("pull_request", out _)) continue;
                if (!HasLabel(issue, label)) continue;
                if (issue.TryGetProperty("number", out var number) && number.TryGetInt64(out var n) && (found is null || n < found)) found = n;
            }

            if (count < 100) break;
        }

        return found;
    }

    private static bool HasLabel(JsonElement issue, string label) =>
        issue.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array &&
        labels.EnumerateArray().Any(l =>
            (l.ValueKind == JsonValueKind.String && l.GetString() == label) ||
            (l.ValueKind == JsonValueKind.Object && l.TryGetProperty("name", out var name) && name.GetString() == label));

    /// <summary>Markdown body with every piece of text escaped, ending in the key marker.</summary>
    internal static string Body(PlanningItem item, string label)
    {
        var p = item.ScoreParts;
        var sb = new StringBuilder();
        sb.Append(MarkdownText.Escape(item.Summary)).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"**Score {item.Score:F1}** = reach {p.Reach:F1} + severity {p.Severity:F1} + trend {p.Trend:F1} + age {p.Age:F1}\n\n");
        sb.Append("Evidence:\n");
        foreach (var e in item.Evidence)
        {
            sb.Append("- ").Append(MarkdownText.Escape($"{e.Kind} {e.Reference}"));
            if (e.Note is not null) sb.Append(": ").Append(MarkdownText.Escape(e.Note));
            sb.Append('\n');
        }

        sb.Append("\n<!-- ").Append(label).Append(" -->\n");
        return sb.ToString();
    }

    private static string? Explain(global::Azure.Response response) => response.Status switch
    {
        401 => $"401: bad credentials ({SinkHttp.ErrorMessage(response)})",
        403 when response.Headers.TryGetValue("x-ratelimit-remaining", out var remaining) && remaining == "0" =>
            "403: rate limit exhausted (x-ratelimit-remaining 0)",
        403 => $"403: forbidden or secondary rate limit ({SinkHttp.ErrorMessage(response)})",
        404 => $"404: repository not found or no access ({SinkHttp.ErrorMessage(response)})",
        410 => "410: issues are disabled on this repository",
        422 => $"422: validation failed ({SinkHttp.ErrorMessage(response)})",
        429 => "429: rate limited",
        _ => null,
    };
}
