using System.Globalization;
using System.Text.RegularExpressions;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Api;

/// <summary>
/// The feedback, retrospective, planning and DORA routes as use cases (http-api.md "Feedback and retrospectives",
/// "Planning"). Both hosts call these and only write the <see cref="ApiResult"/> out. Every field and query
/// parameter is checked before anything is stored; a rejected request stores nothing.
/// </summary>
public sealed partial class FeedbackApi
{
    public const string MarkdownContentType = "text/markdown; charset=utf-8";

    private readonly IDocumentStore _documents;
    private readonly IDeliverySignals _signals;
    private readonly ReleaseLogProductionVersions _versions;
    private readonly FeedbackApiOptions _options;
    private readonly TimeProvider _time;
    private readonly TokenBucketRateLimiter _limiter;

    public FeedbackApi(IDocumentStore documents, IReleaseStore releases, IDeliverySignals signals, FeedbackApiOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid feedback options: " + string.Join("; ", errors), nameof(options));
        _documents = documents;
        _signals = signals;
        _versions = new ReleaseLogProductionVersions(releases);
        _options = options;
        _time = time;
        _limiter = new TokenBucketRateLimiter(options.RateLimit, time);
    }

    /// <summary>
    /// <c>POST /api/feedback</c> → 202 <c>{"accepted": n}</c>. Rate-limited per <paramref name="presentedKey"/> (the
    /// caller's function key; null for none). Text is masked, user references hashed, a missing version filled with
    /// what production ran at receipt.
    /// </summary>
    public async Task<ApiResult> SubmitFeedbackAsync(ReadOnlyMemory<byte> body, string? presentedKey, CancellationToken cancellationToken)
    {
        var decision = _limiter.TryAcquire(CallerKey.Partition(presentedKey));
        if (!decision.Allowed) return TooManyRequests(decision.RetryAfter);

        var errors = new FieldErrors();
        var submissions = FeedbackContracts.ParseFeedback(body, errors);
        if (submissions is null) return ApiResult.Problem(ApiProblem.Validation(errors));

        var receivedAt = _time.GetUtcNow();
        var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var app in submissions.Where(s => s.Version is null).Select(s => s.App).Distinct(StringComparer.Ordinal))
        {
            versions[app] = await _versions.VersionAtAsync(app, receivedAt, cancellationToken);
        }

        var records = FeedbackIntake.Accept(submissions, receivedAt, Guid.NewGuid().ToString("N"), _options.UserRefSalt,
            (app, _) => versions.GetValueOrDefault(app));
        await new FeedbackRepository(_documents).AddAsync(records, cancellationToken);
        return new ApiResult(202, new FeedbackAccepted(records.Count));
    }

    /// <summary><c>POST /api/retrospectives</c> → 201 <c>{"retrospectiveId"}</c>.</summary>
    public async Task<ApiResult> SubmitRetrospectiveAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var submission = FeedbackContracts.ParseRetrospective(body, errors);
        if (submission is null) return ApiResult.Problem(ApiProblem.Validation(errors));

        var now = _time.GetUtcNow();
        var id = $"retro-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..12]}";
        if (!await new RetrospectiveRepository(_documents).AddAsync(RetrospectiveRecord.From(submission, id, now), cancellationToken))
        {
            throw new InvalidOperationException($"retrospective id {id} was generated twice");
        }

        return new ApiResult(201, new RetrospectiveCreated(id));
    }

    /// <summary>
    /// <c>POST /api/retrospectives/{id}/actions/{index}/done</c> → 200 with the action and its completion date (today, or the
    /// body's <c>completedOn</c>). A done action is no longer an overdue planning item. Marking it again sets the date again.
    /// </summary>
    public async Task<ApiResult> CompleteRetrospectiveActionAsync(string id, string index, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var now = _time.GetUtcNow();
        if (!JsonObjectReader.IsId(id)) errors.Add("id", "must match [A-Za-z0-9._-]{1,100}");
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var itemIndex)) errors.Add("index", "must be a whole number ≥ 0");
        var completedOn = FeedbackContracts.ParseActionDone(body, DateOnly.FromDateTime(now.UtcDateTime), errors);
        if (!errors.IsEmpty || completedOn is null) return ApiResult.Problem(ApiProblem.Validation(errors));

        var repository = new RetrospectiveRepository(_documents);
        var retrospective = await FindRetrospectiveAsync(repository, id, cancellationToken);
        if (retrospective is null) return ApiResult.Problem(ApiProblem.NotFound($"no retrospective {id}"));
        if (itemIndex >= retrospective.Items.Length)
            return ApiResult.Problem(ApiProblem.BadRequest("index", $"retrospective {id} has {retrospective.Items.Length} items (0 to {retrospective.Items.Length - 1})"));
        var item = retrospective.Items[itemIndex];
        if (item.Kind != RetrospectiveItemKind.Action)
            return ApiResult.Problem(ApiProblem.BadRequest("index", $"item {itemIndex} is a {(item.Kind == RetrospectiveItemKind.WentWell ? "went-well" : "to-improve")} item, not an action"));

        try
        {
            await repository.CompleteActionAsync(retrospective.Team, id, retrospective.ReceivedAt, itemIndex, completedOn.Value, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return ApiResult.Problem(ApiProblem.Conflict($"retrospective {id} changed while action {itemIndex} was being marked done: send it again"));
        }

        return ApiResult.Ok(new RetrospectiveActionDone(id, itemIndex, item.Text, item.Owner, item.DueDate, completedOn.Value));
    }

    /// <summary>
    /// <c>POST /api/planning/{key}/close</c> and <c>/reopen</c> with <c>{"scope"}</c> → 200 with the item. A closed item stays closed
    /// when later runs find it again, is left out of the report's ranking and is not pushed to Boards or GitHub. An item
    /// no run has saved yet is looked up in a planning run over the default period, then saved with the status.
    /// </summary>
    public async Task<ApiResult> SetPlanningItemStatusAsync(string key, PlanningItemStatus status, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!PlanningKeys.IsKey(key)) errors.Add("key", "must be a planning key: [a-z0-9-], at most 64 characters");
        var scope = FeedbackContracts.ParsePlanningStatus(body, errors);
        if (!errors.IsEmpty || scope is null) return ApiResult.Problem(ApiProblem.Validation(errors));

        var items = new PlanningItemRepository(_documents);
        var saved = await items.SetStatusAsync(scope, key, status, cancellationToken);
        if (saved is null)
        {
            var now = _time.GetUtcNow();
            var run = new PlanningRun(_documents, _signals);
            var found = (await run.RunAsync(scope, now - _options.DefaultPeriod, now, save: false, cancellationToken)).Items.FirstOrDefault(Matches)
                ?? (await run.RunAsync(null, now - _options.DefaultPeriod, now, save: false, cancellationToken)).Items.FirstOrDefault(Matches);
            if (found is null)
            {
                return ApiResult.Problem(ApiProblem.NotFound(
                    $"no planning item {key} in {scope}: it is neither saved nor found in the last {_options.DefaultPeriod.TotalDays:0} days"));
            }

            await items.SaveAsync([found], cancellationToken);
            saved = await items.SetStatusAsync(scope, key, status, cancellationToken)
                ?? throw new InvalidOperationException($"planning item {scope}/{key} vanished right after it was saved");
        }

        return ApiResult.Ok(PlanningItemView.From(saved));

        bool Matches(PlanningItem i) => i.Key == key && i.Scope == scope;
    }

    /// <summary><c>GET /api/planning?app=&amp;since=</c> → the ranked items (computed, not saved: the digest saves).</summary>
    public async Task<ApiResult> GetPlanningAsync(string? app, string? since, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (appId, from, problem) = ReadPlanningQuery(app, since, now);
        if (problem is not null) return ApiResult.Problem(problem);
        var outcome = await new PlanningRun(_documents, _signals).RunAsync(appId, from, now, save: false, cancellationToken);
        return ApiResult.Ok(new PlanningView(appId, from, now, [.. outcome.Items.Select(PlanningItemView.From)]));
    }

    /// <summary><c>GET /api/planning/report?app=&amp;since=</c> → the Markdown report (every user text escaped).</summary>
    public async Task<ApiResult> GetPlanningReportAsync(string? app, string? since, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (appId, from, problem) = ReadPlanningQuery(app, since, now);
        if (problem is not null) return ApiResult.Problem(problem);
        var outcome = await new PlanningRun(_documents, _signals).RunAsync(appId, from, now, save: false, cancellationToken);
        return new ApiResult(200, PlanningReport.Render(outcome), MarkdownContentType);
    }

    /// <summary><c>GET /api/metrics/dora?app=&amp;since=&amp;until=</c> → the four figures with their bands.</summary>
    public async Task<ApiResult> GetDoraAsync(string? app, string? since, string? until, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var now = _time.GetUtcNow();
        if (string.IsNullOrEmpty(app)) errors.Add("app", "is required");
        else if (!JsonObjectReader.IsId(app)) errors.Add("app", "must match [A-Za-z0-9._-]{1,100}");
        var to = ReadTime("until", until, errors) ?? now;
        var from = ReadTime("since", since, errors) ?? to - _options.DefaultPeriod;
        if (errors.IsEmpty && from >= to) errors.Add("since", "must be before until");
        if (!errors.IsEmpty) return ApiResult.Problem(ApiProblem.Validation(errors));

        var deployments = await _signals.GetDeploymentsAsync(app, from, to, cancellationToken);
        var incidents = await _signals.GetIncidentsAsync(app, from, to, cancellationToken);
        return ApiResult.Ok(DoraView.From(DoraCalculator.Compute(app!, from, to, deployments, incidents)));
    }

    private (string? App, DateTimeOffset Since, ApiProblem? Problem) ReadPlanningQuery(string? app, string? since, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (app is not null && !JsonObjectReader.IsId(app)) errors.Add("app", "must match [A-Za-z0-9._-]{1,100}");
        var from = ReadTime("since", since, errors) ?? now - _options.DefaultPeriod;
        if (errors.IsEmpty && from >= now) errors.Add("since", "must be in the past");
        return (app, from, errors.IsEmpty ? null : ApiProblem.Validation(errors));
    }

    /// <summary>A date (<c>YYYY-MM-DD</c>, midnight UTC) or an ISO 8601 time with an offset; null when absent.</summary>
    private static DateTimeOffset? ReadTime(string name, string? value, FieldErrors errors)
    {
        if (value is null) return null;
        if (DatePattern().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (TimePattern().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(name, "must be a date (YYYY-MM-DD) or an ISO 8601 time with an offset (Z, or +hh:mm sent as %2B)");
        return null;
    }

    /// <summary>Retrospective ids carry their creation second (<c>retro-yyyyMMdd-HHmmss-…</c>): read from there on, across teams.</summary>
    private static async Task<RetrospectiveRecord?> FindRetrospectiveAsync(RetrospectiveRepository repository, string id, CancellationToken cancellationToken)
    {
        var match = RetrospectiveIdPattern().Match(id);
        if (!match.Success || !DateTime.TryParseExact(match.Groups[1].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created))
        {
            return null;
        }

        await foreach (var r in repository.QueryAsync(null, new DateTimeOffset(created, TimeSpan.Zero), cancellationToken))
        {
            if (r.Id == id) return r;
        }

        return null;
    }

    private ApiResult TooManyRequests(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var problem = new ApiProblem("https://devopsfeedback.dev/problems/too-many-requests", "Too many requests.", 429,
            $"a key may send {_options.RateLimit.Burst} feedback requests at once and {_options.RateLimit.PerMinute} a minute; retry after {seconds} s");
        return ApiResult.Problem(problem) with { RetryAfterSeconds = seconds };
    }

    [GeneratedRegex(@"^retro-(\d{8}-\d{6})-[0-9a-f]{12}$")]
    private static partial Regex RetrospectiveIdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimePattern();
}

/// <summary><c>POST /api/feedback</c>'s answer.</summary>
public sealed record FeedbackAccepted(int Accepted);

/// <summary><c>POST /api/retrospectives</c>'s answer.</summary>
public sealed record RetrospectiveCreated(string RetrospectiveId);

/// <summary><c>POST /api/retrospectives/{id}/actions/{index}/done</c>'s answer.</summary>
public sealed record RetrospectiveActionDone(string RetrospectiveId, int Index, string Text, string? Owner, DateOnly? DueDate, DateOnly CompletedOn);
