using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.SourceControl;

/// <summary>
/// The hotfix-regression audit on GitHub: compares production's commit (base) with the candidate (head) through
/// <c>GET /repos/{owner}/{repo}/compare/{base}...{head}</c>. <c>ahead</c>/<c>identical</c> → contained;
/// <c>behind</c>/<c>diverged</c> → not contained, listing the commits production has that the candidate lacks
/// (the reverse comparison's commits). Rate limits (403/429 with <c>x-ratelimit-*</c> or <c>retry-after</c>) are
/// waited out when short, otherwise reported; any failure is <see cref="AncestryResult.Failed"/>, never "contained".
/// The candidate's commit time (<see cref="AncestryResult.CandidateCommittedAt"/>, where DORA lead time starts) is the
/// head's <c>commit.committer.date</c>: <c>base_commit</c> when identical, else the last of <c>commits</c> when that is
/// the candidate (GitHub lists at most 250 there); otherwise it is left unknown.
/// </summary>
public sealed class GitHubSourceControl : ISourceControl
{
    private const string Service = "GitHub";
    private const int PageSize = 100;

    private readonly GitHubOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpPipeline _pipeline;

    /// <param name="time">Clock for rate-limit resets and waits.</param>
    /// <param name="transport">Only to point the client at a test transport; production uses Azure.Core's default.</param>
    public GitHubSourceControl(GitHubOptions options, TimeProvider time, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid GitHub options: " + string.Join("; ", errors), nameof(options));
        _options = options;
        _time = time;
        var clientOptions = new GitHubClientOptions();
        clientOptions.Diagnostics.ApplicationId = "DevOpsFeedback";
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.RetryPolicy = new GitHubRetryPolicy(options.MaxRetries, options.RetryDelay);
        if (transport is not null) clientOptions.Transport = transport;
        HttpPipelinePolicy[] perRetry = string.IsNullOrEmpty(options.Token) ? [] : [new GitHubTokenPolicy(options.Token)];
        _pipeline = HttpPipelineBuilder.Build(clientOptions, perRetry);
    }

    public async Task<AncestryResult> ContainsAsync(string app, string productionCommit, string candidateCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!_options.Repositories.TryGetValue(app, out var repository))
            return AncestryResult.Failed($"app '{app}' has no {GitHubOptions.SectionName}:Repositories entry");
        if (productionCommit is null || !GitHubOptions.CommitSha().IsMatch(productionCommit))
            return AncestryResult.Failed("productionCommit must be a commit SHA (7–64 hex digits)");
        if (candidateCommit is null || !GitHubOptions.CommitSha().IsMatch(candidateCommit))
            return AncestryResult.Failed("candidateCommit must be a commit SHA (7–64 hex digits)");

        var (forward, error) = await CompareAsync(repository, productionCommit, candidateCommit, page: null, cancellationToken);
        if (forward is null) return AncestryResult.Failed(error!);
        var committedAt = CandidateCommittedAt(forward, candidateCommit);
        switch (forward.Status)
        {
            case "ahead" or "identical":
                return new AncestryResult(true, forward.Status, [], CandidateCommittedAt: committedAt);
            case "behind" or "diverged":
                var missing = ImmutableArray.CreateBuilder<string>();
                var wanted = Math.Min(forward.BehindBy, _options.MaxMissingCommits);
                for (var page = 1; missing.Count < wanted; page++)
                {
                    var (reverse, reverseError) = await CompareAsync(repository, candidateCommit, productionCommit, page, cancellationToken);
                    if (reverse is null) return AncestryResult.Failed(reverseError!);
                    if (reverse.AheadBy != forward.BehindBy)
                        return AncestryResult.Failed($"{Service} gave inconsistent comparisons: behind by {forward.BehindBy} one way, ahead by {reverse.AheadBy} the other");
                    if (reverse.Commits.IsEmpty) break;
                    missing.AddRange(reverse.Commits.Take(wanted - missing.Count));
                }

                if (missing.Count == 0 && forward.BehindBy > 0)
                    return AncestryResult.Failed($"{Service} said the candidate lacks {forward.BehindBy} commit(s) but listed none");
                return new AncestryResult(false, forward.Status, missing.ToImmutable(), CandidateCommittedAt: committedAt);
            default:
                return AncestryResult.Failed($"{Service} answered an unknown comparison status '{forward.Status}'");
        }
    }

    /// <summary>The head's commit time, when the comparison shows the head itself; null when it does not.</summary>
    private static DateTimeOffset? CandidateCommittedAt(Comparison comparison, string candidateCommit)
    {
        if (comparison.Status == "identical") return comparison.BaseCommittedAt;
        return comparison.Commits.Length > 0 && comparison.Commits[^1].StartsWith(candidateCommit, StringComparison.OrdinalIgnoreCase)
            ? comparison.LastCommittedAt
            : null;
    }

    private async Task<(Comparison? Comparison, string? Error)> CompareAsync(
        string repository, string baseCommit, string headCommit, int? page, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var message = _pipeline.CreateMessage();
            var request = message.Request;
            request.Method = RequestMethod.Get;
            request.Uri.Reset(_options.ApiBaseUrl);
            request.Uri.AppendPath("/repos/", escape: false);
            request.Uri.AppendPath(repository, escape: false); // validated owner/repo
            request.Uri.AppendPath("/compare/", escape: false);
            request.Uri.AppendPath(baseCommit + "..." + headCommit, escape: false); // validated hex
            if (page is { } p)
            {
                request.Uri.AppendQuery("per_page", PageSize.ToString(CultureInfo.InvariantCulture), escapeValue: false);
                request.Uri.AppendQuery("page", p.ToString(CultureInfo.InvariantCulture), escapeValue: false);
            }

            request.Headers.Add(HttpHeader.Names.Accept, "application/vnd.github+json");
            request.Headers.Add("X-GitHub-Api-Version", _options.ApiVersion);

            try
            {
                await _pipeline.SendAsync(message, cancellationToken);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, $"{Service} did not answer in time: {ex.Message}");
            }
            catch (RequestFailedException ex)
            {
                return (null, $"{Service} could not be reached: {ex.Message}");
            }

            var response = message.Response;
            if (response.Status == 200) return ParseComparison(response.Content.ToMemory());
            if (RateLimitWait(response) is { } wait)
            {
                if (attempt < _options.MaxRateLimitRetries && wait <= _options.MaxRateLimitWait)
                {
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken);
                    continue;
                }

                return (null, $"{Service} rate limit exceeded ({response.Status}); it resets at " +
                    $"{_time.GetUtcNow().Add(wait).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (in {Math.Ceiling(wait.TotalSeconds)} s)");
            }

            return (null, DescribeError(response));
        }
    }

    /// <summary>How long GitHub asks us to wait, or null when the response is not a rate limit.</summary>
    private TimeSpan? RateLimitWait(Response response)
    {
        if (response.Status is not (403 or 429)) return null;
        if (response.Headers.TryGetValue("retry-after", out var retryAfter) &&
            int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        if (response.Headers.TryGetValue("x-ratelimit-remaining", out var remaining) && remaining == "0")
        {
            if (response.Headers.TryGetValue("x-ratelimit-reset", out var reset) &&
                long.TryParse(reset, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            {
                var wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - _time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return TimeSpan.FromMinutes(1);
        }

        // A secondary limit without headers: GitHub says wait at least a minute. A plain 403 is a permission error.
        return response.Status == 429 ? TimeSpan.FromMinutes(1) : null;
    }

    private static string DescribeError(Response response)
    {
        var what = response.Status switch
        {
            401 => "bad or missing credentials",
            403 => "access denied",
            404 => "repository or commit not found",
            422 => "comparison refused",
            >= 500 => "server error",
            _ => "request rejected",
        };
        var text = "";
        try
        {
            if (!response.Content.ToMemory().IsEmpty)
            {
                using var document = JsonDocument.Parse(response.Content.ToMemory());
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    text = ": " + m.GetString();
            }
        }
        catch (JsonException)
        {
            text = " (error body is not JSON)";
        }

        return $"{Service} answered {response.Status} ({what}){text}";
    }

    private static (Comparison?, string?) ParseComparison(ReadOnlyMemory<byte> body)
    {
        static (Comparison?, string?) Malformed(string why) => (null, $"{Service} answered with a malformed comparison: {why}");
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Malformed("the body is not a JSON object");
            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
                return Malformed("'status' is missing");
            if (!root.TryGetProperty("ahead_by", out var ahead) || !ahead.TryGetInt32(out var aheadBy) || aheadBy < 0)
                return Malformed("'ahead_by' is missing or not a count");
            if (!root.TryGetProperty("behind_by", out var behind) || !behind.TryGetInt32(out var behindBy) || behindBy < 0)
                return Malformed("'behind_by' is missing or not a count");
            if (!root.TryGetProperty("commits", out var commits) || commits.ValueKind != JsonValueKind.Array)
                return Malformed("'commits' is missing or not an array");
            var shas = ImmutableArray.CreateBuilder<string>();
            DateTimeOffset? lastCommittedAt = null;
            var index = 0;
            foreach (var commit in commits.EnumerateArray())
            {
                if (commit.ValueKind != JsonValueKind.Object || !commit.TryGetProperty("sha", out var sha) ||
                    sha.ValueKind != JsonValueKind.String || !GitHubOptions.CommitSha().IsMatch(sha.GetString()!))
                    return Malformed($"commits[{index}].sha is missing or not a SHA");
                if (!TryReadCommittedAt(commit, out lastCommittedAt))
                    return Malformed($"commits[{index}].commit.committer.date is not a date");
                shas.Add(sha.GetString()!);
                index++;
            }

            DateTimeOffset? baseCommittedAt = null;
            if (root.TryGetProperty("base_commit", out var baseCommit) && baseCommit.ValueKind == JsonValueKind.Object &&
                !TryReadCommittedAt(baseCommit, out baseCommittedAt))
                return Malformed("base_commit.commit.committer.date is not a date");

            return (new Comparison(status.GetString()!, aheadBy, behindBy, shas.ToImmutable(), baseCommittedAt, lastCommittedAt), null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return Malformed(ex.Message);
        }
    }

    /// <summary>
    /// Reads <c>commit.committer.date</c> of a commit object: absent or null leaves it unknown (true, null);
    /// present but not an ISO 8601 date string is malformed (false).
    /// </summary>
    private static bool TryReadCommittedAt(JsonElement commit, out DateTimeOffset? committedAt)
    {
        committedAt = null;
        if (!commit.TryGetProperty("commit", out var inner) || inner.ValueKind != JsonValueKind.Object ||
            !inner.TryGetProperty("committer", out var committer) || committer.ValueKind != JsonValueKind.Object ||
            !committer.TryGetProperty("date", out var date) || date.ValueKind == JsonValueKind.Null)
            return true;
        if (date.ValueKind != JsonValueKind.String ||
            !DateTimeOffset.TryParse(date.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        committedAt = parsed.ToUniversalTime();
        return true;
    }

    private sealed record Comparison(
        string Status, int AheadBy, int BehindBy, ImmutableArray<string> Commits, DateTimeOffset? BaseCommittedAt, DateTimeOffset? LastCommittedAt);

    private sealed class GitHubClientOptions : ClientOptions;

    /// <summary>Adds the token to each try; Azure.Core's logging redacts <c>Authorization</c>.</summary>
    private sealed class GitHubTokenPolicy(string token) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
    }

    /// <summary>Azure.Core's retries for 5xx and network faults; rate limits (403/429) are handled by the adapter's own clock.</summary>
    private sealed class GitHubRetryPolicy(int maxRetries, TimeSpan delay)
        : RetryPolicy(maxRetries, DelayStrategy.CreateExponentialDelayStrategy(delay, TimeSpan.FromSeconds(30)))
    {
        protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
            (exception is not null || message.Response.Status != 429) && base.ShouldRetry(message, exception);

        protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
            exception is null && message.Response.Status == 429 ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);
    }
}
