using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Turns release events into notifications: pure, no clock, no I/O. Events that people need not hear about
/// (slots read, checks passed, canary steps) give none.
/// </summary>
public static class ReleaseNotifications
{
    /// <summary>
    /// The notifications for one event. <paramref name="after"/> is the release with the event applied,
    /// <paramref name="before"/> without it. A verdict notifies only when its phase differs from the verdict before it
    /// (a stage's first verdict is compared with Running, the phase of an analysis that has just begun).
    /// </summary>
    /// <param name="baseUrl">The public address of the DevOpsFeedback API (absolute http or https) for links.</param>
    public static ImmutableArray<Notification> From(ReleaseEvent e, ReleaseState after, ReleaseState before, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        var root = ParseBaseUrl(baseUrl);
        if (after.Request is not { } r) return [];
        var links = new Links(root, r.App, r.ReleaseId);
        var calls = new Calls(links);

        Notification Make(NotificationKind kind, string title, IEnumerable<NotificationFact> facts, params NotificationFact[] actions) => new(
            $"{after.Version:D6}-{NotificationKinds.Name(kind)}",
            kind,
            r.App,
            r.ReleaseId,
            $"{r.App} {r.CandidateVersion}: {title}",
            ReleaseEventText.Describe(e),
            [.. CommonFacts(after), .. facts, .. actions],
            [links.Release],
            e.At);

        Notification? n = e switch
        {
            ReleaseRequested => Make(NotificationKind.Queued, "queued", []),
            WaitingForChangeWindow x => Make(NotificationKind.WaitingForChangeWindow, "waiting for the change window", [Fact("Until", x.Until), Fact("Reason", x.Reason)]),
            ReleaseBlocked x => Make(NotificationKind.Blocked, "blocked", [Fact("Reason", x.Reason)]),
            AuditFailed x => Make(
                NotificationKind.ApprovalNeeded,
                "audit failed: an approver may override",
                [Fact("Reason", x.Reason), Fact("Missing commits", x.MissingCommits.IsDefaultOrEmpty ? "none listed" : string.Join(", ", x.MissingCommits.Select(ReleaseDecider.Short))), Fact("Override", ReleaseNames.Overrides[0])],
                calls.Approve(ReleaseNames.Overrides[0]),
                calls.Reject),
            ApprovalRequested x => Make(NotificationKind.ApprovalNeeded, "approval needed", [Fact("Reason", x.Reason), Fact("Approve by", x.Until)], calls.Approve(), calls.Reject),
            ReleaseApproved x => Make(NotificationKind.Approved, $"approved by {x.By}", [Fact("Approver", x.By), .. OptionalFact("Comment", x.Comment)]),
            ReleaseRejected x => Make(NotificationKind.Rejected, $"rejected by {x.By}", [Fact("Approver", x.By), Fact("Reason", x.Reason)]),
            SlotsSwapped { Swapped: true } x => Make(NotificationKind.Swapped, "swapped into production", [Fact("Production", x.ProductionVersion), Fact("Staging", x.StagingVersion)], calls.Rollback),
            VerdictRecorded x when PhaseChanged(x, after, before) => Make(
                NotificationKind.VerdictChanged,
                $"{x.Stage} verdict {Phase(x.Verdict.Phase)}",
                [Fact("Stage", x.Stage), Fact("Look", x.Look.ToString(System.Globalization.CultureInfo.InvariantCulture)), Fact("Verdict", Phase(x.Verdict.Phase)), Fact("Previous verdict", Phase(PreviousPhase(x, after, before))), Fact("Reason", x.Verdict.Reason)],
                calls.Rollback),
            RollbackStarted x => Make(NotificationKind.RollbackStarted, "rolling back", [Fact("Reason", x.Reason), Fact("By", x.By)]),
            ReleaseRolledBack x => Make(NotificationKind.RolledBack, "rolled back", [Fact("Reason", x.Reason)]),
            ReleaseRollbackFailed x => Make(NotificationKind.RollbackFailed, "ROLLBACK FAILED: production needs people now", [Fact("Reason", x.Reason)]),
            ReleaseSucceeded x => Make(NotificationKind.Succeeded, "succeeded", [Fact("Reason", x.Reason)], calls.Backout),
            ReleaseAborted x => Make(NotificationKind.Aborted, "aborted", [Fact("Reason", x.Reason)]),
            StepFailed x => Make(NotificationKind.StepFailed, $"step {x.Step} failed", [Fact("Step", x.Step), Fact("Error", x.Error)]),
            BackoutRequested x => Make(NotificationKind.Backout, $"red button pressed by {x.By}", [Fact("By", x.By), Fact("Reason", x.Reason)]),
            BackoutRefused x => Make(NotificationKind.BackoutRefused, "red button refused", [Fact("Reason", x.Reason)]),
            HumansPaged x => Make(
                NotificationKind.HumansPaged,
                "people must decide: keep or roll back",
                [Fact("Reason", x.Reason), Fact("Automatic swap-back", after.SwapBackDisabled ? "disabled" : "enabled")],
                calls.Approve(),
                calls.Rollback),
            AlertReceived { Alert.Condition: MonitorCondition.Fired } x => Make(NotificationKind.IncidentFired, $"alert '{x.Alert.Rule}' fired during the release", AlertFacts(x.Alert)),
            AlertReceived { Alert.Condition: MonitorCondition.Resolved } x => Make(NotificationKind.IncidentResolved, $"alert '{x.Alert.Rule}' resolved", AlertFacts(x.Alert)),
            _ => null,
        };

        return n is null ? [] : [n];
    }

    /// <summary>
    /// The notifications for events appended together after <paramref name="before"/> (as <c>ReleaseLoop.ApplyAsync</c>
    /// appends them): each event is mapped with the exact state before and after it.
    /// </summary>
    public static ImmutableArray<Notification> FromBatch(ReleaseState before, IEnumerable<ReleaseEvent> events, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(events);
        var result = ImmutableArray.CreateBuilder<Notification>();
        var state = before;
        foreach (var e in events)
        {
            var next = ReleaseDecider.Evolve(state, e);
            result.AddRange(From(e, next, state, baseUrl));
            state = next;
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The notifications for events a runtime has just recorded (<c>IReleaseRuntime.RecordAsync(after, expectedVersion, events)</c>),
    /// when only the state after the batch is at hand: event i gets version <paramref name="expectedVersion"/> + i + 1 for its id,
    /// and verdicts are compared within <paramref name="after"/>'s verdict list. Facts show the status after the batch.
    /// </summary>
    public static ImmutableArray<Notification> FromRecorded(ReleaseState after, long expectedVersion, IReadOnlyList<ReleaseEvent> events, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(events);
        var result = ImmutableArray.CreateBuilder<Notification>();
        for (var i = 0; i < events.Count; i++)
        {
            var version = checked((int)(expectedVersion + i + 1));
            var at = after with { Version = version };
            result.AddRange(From(events[i], at, at, baseUrl));
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// An incident on an app outside a running release (an alert after the release, handled by policy).
    /// Gives none for an alert without a condition (cost alerts). The id derives from the alert's de-duplication key.
    /// </summary>
    /// <param name="handled">What was done about it ("backout-started", "incident-recorded", ...).</param>
    public static ImmutableArray<Notification> ForIncident(AlertSignal alert, string app, string? releaseId, string handled, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(handled);
        var root = ParseBaseUrl(baseUrl);
        var kind = alert.Condition switch
        {
            MonitorCondition.Fired => NotificationKind.IncidentFired,
            MonitorCondition.Resolved => NotificationKind.IncidentResolved,
            _ => (NotificationKind?)null,
        };
        if (kind is null) return [];

        var links = new Links(root, app, releaseId);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alert.DedupKey)))[..16];
        var at = kind == NotificationKind.IncidentResolved ? alert.ResolvedAt ?? alert.FiredAt : alert.FiredAt;
        var verb = kind == NotificationKind.IncidentFired ? "fired" : "resolved";
        return
        [
            new Notification(
                $"incident-{hash}-{NotificationKinds.Name(kind.Value)}",
                kind.Value,
                app,
                releaseId,
                $"{app}: alert '{alert.Rule}' {verb}",
                $"{alert.Severity} {alert.SignalType} alert '{alert.Rule}' {verb}: {alert.Description}",
                [Fact("App", app), .. OptionalFact("Last release", releaseId), .. AlertFacts(alert), Fact("Handled", handled)],
                [links.App, .. releaseId is null ? Array.Empty<NotificationLink>() : [links.Release]],
                at),
        ];
    }

    /// <summary>Checks and normalises the public base address used for links (no trailing slash).</summary>
    public static Uri ParseBaseUrl(string baseUrl)
    {
        if (string.IsNullOrWhiteSpace(baseUrl) || !Uri.TryCreate(baseUrl.TrimEnd('/'), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException($"baseUrl must be an absolute http or https URL without query or fragment, not '{baseUrl}'", nameof(baseUrl));
        }

        return uri;
    }

    private static bool PhaseChanged(VerdictRecorded x, ReleaseState after, ReleaseState before) =>
        x.Verdict.Phase != PreviousPhase(x, after, before);

    /// <summary>The phase of the verdict recorded just before <paramref name="x"/> (Running when it is the first).</summary>
    private static VerdictPhase PreviousPhase(VerdictRecorded x, ReleaseState after, ReleaseState before)
    {
        var index = after.Verdicts.FindLastIndex(v => ReferenceEquals(v, x));
        if (index < 0) index = after.Verdicts.LastIndexOf(x);
        var previous = index > 0 ? after.Verdicts[index - 1] : index == 0 ? null : before.Verdicts.LastOrDefault();
        return previous?.Verdict.Phase ?? VerdictPhase.Running;
    }

    private static IEnumerable<NotificationFact> CommonFacts(ReleaseState s)
    {
        var r = s.Request!;
        yield return Fact("App", r.App);
        yield return Fact("Release", r.ReleaseId);
        yield return Fact("Candidate", $"{r.CandidateVersion} ({ReleaseDecider.Short(r.CandidateCommit)})");
        if (s.BaselineVersion is not null) yield return Fact("Production before", s.BaselineVersion);
        yield return Fact("Change", $"{r.ChangeType.ToString().ToLowerInvariant()}, database {r.DatabaseChange.ToString().ToLowerInvariant()}");
        yield return Fact("Requested by", r.RequestedBy);
        yield return Fact("Status", s.Status);
    }

    private static IEnumerable<NotificationFact> AlertFacts(AlertSignal a)
    {
        yield return Fact("Alert rule", a.Rule);
        yield return Fact("Severity", a.Severity);
        yield return Fact("Signal", a.SignalType);
        yield return Fact("Fired", a.FiredAt);
        if (a.ResolvedAt is { } resolved) yield return Fact("Resolved", resolved);
        if (!string.IsNullOrWhiteSpace(a.Description)) yield return Fact("Description", a.Description);
    }

    private static string Phase(VerdictPhase phase) => phase.ToString().ToLowerInvariant();

    private static NotificationFact Fact(string name, string value) => new(name, value);

    private static NotificationFact Fact(string name, DateTimeOffset value) =>
        new(name, value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));

    private static IEnumerable<NotificationFact> OptionalFact(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [new NotificationFact(name, value)];

    /// <summary>Links into the API that a browser may open (GET routes only); ids are escaped as path segments.</summary>
    private sealed class Links(Uri root, string app, string? releaseId)
    {
        private string Root => root.AbsoluteUri.TrimEnd('/');

        public string ReleasePath => $"{Root}/api/releases/{Uri.EscapeDataString(releaseId ?? "")}";

        public string AppPath => $"{Root}/api/apps/{Uri.EscapeDataString(app)}";

        public NotificationLink Release => new("Release status", new Uri(ReleasePath));

        public NotificationLink App => new("App status", new Uri(AppPath));
    }

    /// <summary>
    /// The POST calls people can make about a release, as text (route and body), never as links: opening a link is a GET,
    /// and these routes take a JSON body and the API key. Placeholders are in angle brackets.
    /// </summary>
    private sealed class Calls(Links links)
    {
        public NotificationFact Reject => Call("Reject", $"{links.ReleasePath}/reject", """{"approver": "<you>", "reason": "<why>"}""");

        public NotificationFact Rollback => Call("Roll back", $"{links.ReleasePath}/rollback", """{"requestedBy": "<you>", "reason": "<why>"}""");

        public NotificationFact Backout => Call("Back out (red button)", $"{links.AppPath}/backout", """{"requestedBy": "<you>", "reason": "<why>"}""");

        public NotificationFact Approve(string? overriding = null) => Call(
            "Approve",
            $"{links.ReleasePath}/approve",
            overriding is null
                ? """{"approver": "<you>", "comment": "<why>"}"""
                : $$"""{"approver": "<you>", "comment": "<why>", "overrides": ["{{overriding}}"]}""");

        private static NotificationFact Call(string name, string url, string body) => new(name, $"POST {url} with body {body}");
    }
}
