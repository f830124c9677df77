using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Api;

/// <summary>Host-independent configuration of the release routes.</summary>
/// <param name="Policies">Configured policy names and the settings each gives an app.</param>
/// <param name="AppForResource">Maps an alert's target resource id to an app (null: not ours).</param>
/// <param name="BackoutOnAlertAfterRelease">Whether an alert after a release presses the red button (else it only records an incident).</param>
public sealed record ReleaseApiOptions(
    IReadOnlyDictionary<string, Func<string, ReleaseSettings>> Policies,
    Func<string, string?> AppForResource,
    bool BackoutOnAlertAfterRelease,
    string DefaultPolicy = "default")
{
    /// <summary>Policies "default" (30 min bake, an analysis every 5) and "quick" (3 min, one a minute, for trying it out); alerts after a release record an incident.</summary>
    public static ReleaseApiOptions Default { get; } = new(
        ImmutableDictionary.CreateRange<string, Func<string, ReleaseSettings>>(StringComparer.Ordinal,
        [
            new("default", _ => ReleaseSettings.Default),
            new("quick", _ => ReleaseSettings.Default with { Bake = new BakePolicy(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3), 0, 3) }),
        ]),
        AppFromSiteResourceId,
        BackoutOnAlertAfterRelease: false);

    /// <summary>An alert target like <c>/subscriptions/…/providers/Microsoft.Web/sites/{app}[/slots/{slot}]</c> names the app.</summary>
    public static string? AppFromSiteResourceId(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        var parts = resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var i = Array.FindIndex(parts, p => p.Equals("sites", StringComparison.OrdinalIgnoreCase));
        return i >= 0 && i + 1 < parts.Length && ReleaseIds.IsValid(parts[i + 1]) ? parts[i + 1] : null;
    }
}

/// <summary>
/// The release, app and alert routes as use cases: parse, call the engine, map the result. Both hosts call these
/// and only write the <see cref="ApiResult"/> out, so validation and answers are the same everywhere.
/// Nothing is stored from a rejected request. Events the desk appends itself (a release queued, the red button pressed) and
/// incidents after a release are handed to the optional <see cref="INotificationPublisher"/> (off by default); events of a
/// running release are published by the host's runtime.
/// </summary>
public sealed class ReleaseApi(
    IReleaseEngine engine, IReleaseStore store, IDocumentStore documents, ISlotController slots, IAlertParser alerts, ReleaseApiOptions options, TimeProvider time,
    INotificationPublisher? notifications = null)
{
    private readonly INotificationPublisher _notifications = notifications ?? NoNotifications.Instance;

    public const string AlertCollection = "alerts";
    public const string IncidentCollection = "incidents";

    public async Task<ApiResult> CreateReleaseAsync(ReadOnlyMemory<byte> body, string baseUrl, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var now = time.GetUtcNow();
        var request = ReleaseContracts.ParseRelease(body, app => $"rel-{now:yyyyMMdd-HHmmss}-{app}-{Guid.NewGuid().ToString("N")[..6]}",
            options.Policies.Keys.ToImmutableHashSet(StringComparer.Ordinal), errors, options.DefaultPolicy);
        if (request is null) return ApiResult.Problem(ApiProblem.Validation(errors));

        var settings = options.Policies[request.Policy](request.App);
        var result = await engine.SubmitAsync(request, settings, now, cancellationToken);
        if (!result.Created)
        {
            var existing = ReleaseJson.Fold(await store.ReadAsync(request.ReleaseId, cancellationToken));
            if (existing.Request is { } prior && (prior.App != request.App || prior.CandidateVersion != request.CandidateVersion || prior.CandidateCommit != request.CandidateCommit))
            {
                return ApiResult.Problem(ApiProblem.Conflict($"release '{request.ReleaseId}' exists for {prior.App} {prior.CandidateVersion}: a release id names one release"));
            }
        }

        var url = $"{baseUrl.TrimEnd('/')}/api/releases/{Uri.EscapeDataString(result.ReleaseId)}";
        return new ApiResult(result.Created ? 202 : 200, new ReleaseAccepted(result.ReleaseId, result.Status, url), Location: url);
    }

    public async Task<ApiResult> GetReleaseAsync(string releaseId, CancellationToken cancellationToken)
    {
        if (!Orchestration.ReleaseIds.IsValid(releaseId)) return ApiResult.Problem(ApiProblem.BadRequest("releaseId", "must match [A-Za-z0-9._-]{1,100}"));
        var log = await store.ReadAsync(releaseId, cancellationToken);
        if (!log.Exists) return ApiResult.Problem(ApiProblem.NotFound($"no release '{releaseId}'"));
        var deliveries = await new DocumentDeliveryLog(documents).ListAsync(releaseId, cancellationToken);
        return ApiResult.Ok(ReleaseView.From(ReleaseJson.Fold(log), log, time.GetUtcNow(), deliveries));
    }

    public Task<ApiResult> ApproveAsync(string releaseId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var approve = ReleaseContracts.ParseApprove(body, errors);
        return approve is null
            ? Task.FromResult(ApiResult.Problem(ApiProblem.Validation(errors)))
            : SignalAsync(releaseId, new ApproveSignal(approve.Approver, approve.Comment, approve.Overrides), 200, cancellationToken);
    }

    public Task<ApiResult> RejectAsync(string releaseId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reject = ReleaseContracts.ParseReject(body, errors);
        return reject is null
            ? Task.FromResult(ApiResult.Problem(ApiProblem.Validation(errors)))
            : SignalAsync(releaseId, new RejectSignal(reject.Approver, reject.Reason), 200, cancellationToken);
    }

    public Task<ApiResult> RollbackAsync(string releaseId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var red = ReleaseContracts.ParseRedButton(body, errors);
        return red is null
            ? Task.FromResult(ApiResult.Problem(ApiProblem.Validation(errors)))
            : SignalAsync(releaseId, new RollbackSignal(red.RequestedBy, red.Reason), 202, cancellationToken);
    }

    public async Task<ApiResult> BackoutAsync(string app, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!Orchestration.ReleaseIds.IsValid(app)) return ApiResult.Problem(ApiProblem.BadRequest("app", "must match [A-Za-z0-9._-]{1,100}"));
        var errors = new FieldErrors();
        var red = ReleaseContracts.ParseRedButton(body, errors);
        if (red is null) return ApiResult.Problem(ApiProblem.Validation(errors));
        var (started, reason, releaseId) = await engine.BackoutAsync(app, red.RequestedBy, red.Reason, time.GetUtcNow(), cancellationToken);
        return started
            ? new ApiResult(202, new { releaseId, reason })
            : new ApiResult(409, new { reason, releaseId });
    }

    public async Task<ApiResult> GetAppAsync(string app, CancellationToken cancellationToken)
    {
        if (!Orchestration.ReleaseIds.IsValid(app)) return ApiResult.Problem(ApiProblem.BadRequest("app", "must match [A-Za-z0-9._-]{1,100}"));
        var releases = await store.ListByAppAsync(app, cancellationToken);
        SlotsSnapshot snapshot;
        try
        {
            snapshot = await slots.ReadSlotsAsync(app, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return ApiResult.Problem(ApiProblem.NotFound($"no app '{app}' is managed here"));
        }

        var open = releases.Where(e => !e.IsTerminal).ToList();
        QueuedView? active = null;
        var queued = ImmutableArray.CreateBuilder<QueuedView>();
        foreach (var entry in open)
        {
            var state = ReleaseJson.Fold(await store.ReadAsync(entry.ReleaseId, cancellationToken));
            var view = new QueuedView(entry.ReleaseId, state.Request!.CandidateVersion, state.Status);
            if (state.Admitted && active is null) active = view;
            else queued.Add(view);
        }

        var (last, red) = await engine.RedButtonAsync(app, cancellationToken);
        return ApiResult.Ok(new AppView(app, AppView.Slot(snapshot.Production), AppView.Slot(snapshot.Staging), active, queued.ToImmutable(),
            new RedButtonView(red.Available, red.Reason, last?.Request?.ReleaseId)));
    }

    /// <summary>
    /// Azure Monitor's webhook. Idempotent on alert id + condition + fired time. During a release that changed
    /// production it raises the rollback signal; after a release it records an incident and, by policy, backs out.
    /// </summary>
    public async Task<ApiResult> AlertAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var alert = alerts.Parse(body, errors);
        if (alert is null) return ApiResult.Problem(ApiProblem.Validation(errors));
        var condition = alert.Condition switch { MonitorCondition.Fired => "Fired", MonitorCondition.Resolved => "Resolved", _ => "None" };
        var record = new Document("alert", Key(alert.DedupKey), ReleaseJson.Serialize(alert));
        if (!await documents.TryInsertAsync(AlertCollection, record, cancellationToken))
        {
            return new ApiResult(202, new AlertHandled(alert.AlertId, condition, "duplicate"));
        }

        var app = alert.TargetResourceIds.Select(options.AppForResource).FirstOrDefault(a => a is not null);
        if (app is null || alert.Condition == MonitorCondition.None)
        {
            return new ApiResult(202, new AlertHandled(alert.AlertId, condition, app is null ? "no-matching-app" : "incident-recorded"));
        }

        await RecordIncidentAsync(app, alert, cancellationToken);
        if (alert.Condition == MonitorCondition.Fired)
        {
            foreach (var entry in (await store.ListByAppAsync(app, cancellationToken)).Where(e => !e.IsTerminal))
            {
                var signalled = await engine.SignalAsync(entry.ReleaseId, new AlertSignalReceived(alert), time.GetUtcNow(), cancellationToken);
                var state = ReleaseJson.Fold(await store.ReadAsync(entry.ReleaseId, cancellationToken));
                if (signalled.Accepted && state.ChangedProduction) return new ApiResult(202, new AlertHandled(alert.AlertId, condition, "rollback-signalled"));
            }

            if (options.BackoutOnAlertAfterRelease)
            {
                var (started, _, backedOut) = await engine.BackoutAsync(app, "azure-monitor", $"alert '{alert.Rule}' fired: {alert.Description}", time.GetUtcNow(), cancellationToken);
                if (started)
                {
                    await _notifications.PublishIncidentAsync(alert, app, backedOut, "backout-started", cancellationToken);
                    return new ApiResult(202, new AlertHandled(alert.AlertId, condition, "backout-started"));
                }
            }
        }

        var last = (await store.ListByAppAsync(app, cancellationToken)).LastOrDefault();
        await _notifications.PublishIncidentAsync(alert, app, last?.ReleaseId, "incident-recorded", cancellationToken);
        return new ApiResult(202, new AlertHandled(alert.AlertId, condition, "incident-recorded"));
    }

    private async Task RecordIncidentAsync(string app, AlertSignal alert, CancellationToken cancellationToken)
    {
        var key = Key($"{alert.AlertId}|{alert.FiredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}");
        var existing = await documents.GetAsync(IncidentCollection, app, key, cancellationToken);
        var incident = existing is null
            ? new Incident(app, alert.AlertId, alert.Rule, alert.Severity, alert.FiredAt, null)
            : ReleaseJson.Deserialize<Incident>(existing.Json);
        if (alert.Condition == MonitorCondition.Resolved) incident = incident with { ResolvedAt = alert.ResolvedAt ?? time.GetUtcNow() };
        await documents.PutAsync(IncidentCollection, new Document(app, key, ReleaseJson.Serialize(incident), existing?.ETag), cancellationToken);
    }

    private static string Key(string raw) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw)))[..32];

    private async Task<ApiResult> SignalAsync(string releaseId, ReleaseSignal signal, int okStatus, CancellationToken cancellationToken)
    {
        if (!Orchestration.ReleaseIds.IsValid(releaseId)) return ApiResult.Problem(ApiProblem.BadRequest("releaseId", "must match [A-Za-z0-9._-]{1,100}"));
        var result = await engine.SignalAsync(releaseId, signal, time.GetUtcNow(), cancellationToken);
        if (!result.Found) return ApiResult.Problem(ApiProblem.NotFound(result.Reason));
        if (!result.Accepted) return ApiResult.Problem(ApiProblem.Conflict(result.Reason));
        return new ApiResult(okStatus, new { releaseId, accepted = true, detail = result.Reason });
    }
}

/// <summary>An alert about an app outside a release: fired and resolved times feed DORA's time to restore.</summary>
public sealed record Incident(string App, string AlertId, string Rule, string Severity, DateTimeOffset FiredAt, DateTimeOffset? ResolvedAt);
