using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;

namespace DevOpsFeedback.Notifications;

public sealed class ReleaseNotificationsTests
{
    private const string BaseUrl = "https://dfb.contoso.test/";
    private const string Commit = "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static ReleaseRequest Request(string id = "rel-1", DatabaseChange db = DatabaseChange.None) =>
        new(id, "contoso-web", "1.5.0", Commit, ChangeType.Normal, db, "swap back", "pipeline", [], null, "default");

    private static ReleaseState Requested(string id = "rel-1", DatabaseChange db = DatabaseChange.None) =>
        ReleaseDecider.Evolve(ReleaseState.Initial, new ReleaseRequested(T0, Request(id, db), ReleaseSettings.Default));

    private static ImmutableArray<Notification> Map(ReleaseEvent e, ReleaseState? before = null)
    {
        before ??= Requested();
        return ReleaseNotifications.From(e, ReleaseDecider.Evolve(before, e), before, BaseUrl);
    }

    private static Verdict V(VerdictPhase phase, string reason = "why") => new(T0, phase, reason, []);

    private static AlertSignal Alert(MonitorCondition condition) =>
        new("alert-1", "http-5xx", "Sev1", ["/subscriptions/x/sites/contoso-web"], T0, condition == MonitorCondition.Resolved ? T0.AddMinutes(9) : null, condition, "Metric", "5xx above 5%");

    public static TheoryData<string, ReleaseEvent, NotificationKind?> Events => new()
    {
        { "requested", new ReleaseRequested(T0, Request(), ReleaseSettings.Default), NotificationKind.Queued },
        { "admitted", new ReleaseAdmitted(T0), null },
        { "window", new WaitingForChangeWindow(T0, T0.AddHours(3), "weekend freeze"), NotificationKind.WaitingForChangeWindow },
        { "blocked", new ReleaseBlocked(T0, "staging runs 1.4.0"), NotificationKind.Blocked },
        { "audit failed", new AuditFailed(T0, "hotfix missing", ["abcdef0123456789"]), NotificationKind.ApprovalNeeded },
        { "approval", new ApprovalRequested(T0, "normal change", T0.AddHours(24)), NotificationKind.ApprovalNeeded },
        { "approved", new ReleaseApproved(T0, "alice", "ok", []), NotificationKind.Approved },
        { "rejected", new ReleaseRejected(T0, "alice", "not today"), NotificationKind.Rejected },
        { "data safety", new DataSafetyPassed(T0), null },
        { "canary", new CanaryTrafficSet(T0, 5), null },
        { "swapped", new SlotsSwapped(T0, true, "ok", "1.5.0", "1.4.2"), NotificationKind.Swapped },
        { "not swapped", new SlotsSwapped(T0, false, "preview only", "1.4.2", "1.5.0"), null },
        { "verdict fail", new VerdictRecorded(T0, "bake", 1, V(VerdictPhase.Fail)), NotificationKind.VerdictChanged },
        { "verdict running", new VerdictRecorded(T0, "bake", 1, V(VerdictPhase.Running)), null },
        { "rollback", new RollbackStarted(T0, "bake failed", "judge"), NotificationKind.RollbackStarted },
        { "swapped back", new SlotsSwappedBack(T0, true, "ok", "1.4.2"), null },
        { "rolled back", new ReleaseRolledBack(T0, "bake failed"), NotificationKind.RolledBack },
        { "rollback failed", new ReleaseRollbackFailed(T0, "swap back failed"), NotificationKind.RollbackFailed },
        { "succeeded", new ReleaseSucceeded(T0, "bake passed"), NotificationKind.Succeeded },
        { "aborted", new ReleaseAborted(T0, "no approval"), NotificationKind.Aborted },
        { "step failed", new StepFailed(T0, "swap", "ARM 500"), NotificationKind.StepFailed },
        { "backout", new BackoutRequested(T0, "bob", "users report errors"), NotificationKind.Backout },
        { "backout refused", new BackoutRefused(T0, "staging overwritten"), NotificationKind.BackoutRefused },
        { "paged", new HumansPaged(T0, "bake failed; swap-back disabled"), NotificationKind.HumansPaged },
        { "alert fired", new AlertReceived(T0, Alert(MonitorCondition.Fired)), NotificationKind.IncidentFired },
        { "alert resolved", new AlertReceived(T0, Alert(MonitorCondition.Resolved)), NotificationKind.IncidentResolved },
        { "cost alert", new AlertReceived(T0, Alert(MonitorCondition.None)), null },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void From_Event_GivesTheKindPeopleNeedOrNone(string name, ReleaseEvent e, NotificationKind? expected)
    {
        var before = e is ReleaseRequested ? ReleaseState.Initial : Requested();

        var result = Map(e, before);

        Assert.True(expected is null ? result.IsEmpty : result.Length == 1 && result[0].Kind == expected, $"{name}: got [{string.Join(", ", result.Select(n => n.Kind))}]");
    }

    [Fact]
    public void From_ApprovalRequested_LinksOnlyTheStatusAndGivesApproveAndRejectAsCallsWithTheReleaseIdEscaped()
    {
        var before = Requested("rel 1/../x?y");

        var n = ReleaseNotifications.From(new ApprovalRequested(T0, "normal change", T0.AddHours(24)), ReleaseDecider.Evolve(before, new ApprovalRequested(T0, "normal change", T0.AddHours(24))), before, BaseUrl).Single();

        var link = Assert.Single(n.Links);
        Assert.Equal(("Release status", "https://dfb.contoso.test/api/releases/rel%201%2F..%2Fx%3Fy"), (link.Title, link.Url.AbsoluteUri));
        var facts = n.Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("""POST https://dfb.contoso.test/api/releases/rel%201%2F..%2Fx%3Fy/approve with body {"approver": "<you>", "comment": "<why>"}""", facts["Approve"]);
        Assert.Equal("""POST https://dfb.contoso.test/api/releases/rel%201%2F..%2Fx%3Fy/reject with body {"approver": "<you>", "reason": "<why>"}""", facts["Reject"]);
    }

    [Fact]
    public void From_AuditFailed_ApproveCallNamesTheOverride()
    {
        var before = Requested();
        var e = new AuditFailed(T0, "production runs a hotfix the candidate lacks", ["1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"]);

        var n = Map(e, before).Single();

        Assert.EndsWith("""/api/releases/rel-1/approve with body {"approver": "<you>", "comment": "<why>", "overrides": ["hotfix-regression"]}""", n.Facts.Single(f => f.Name == "Approve").Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void From_AnyEvent_LinksOnlyGetRoutes(string name, ReleaseEvent e, NotificationKind? expected)
    {
        _ = expected;
        var before = e is ReleaseRequested ? ReleaseState.Initial : Requested();

        var links = Map(e, before).SelectMany(n => n.Links).Select(l => l.Url.AbsolutePath);

        Assert.All(links, path => Assert.DoesNotMatch("/(approve|reject|rollback|backout)$", path));
        Assert.NotNull(name);
    }

    [Fact]
    public void From_Event_FillsAppReleaseTextFactsTimeAndAStableId()
    {
        var e = new ReleaseBlocked(T0.AddMinutes(3), "staging runs 1.4.0, not the candidate 1.5.0");
        var before = Requested();
        var after = ReleaseDecider.Evolve(before, e);

        var n = ReleaseNotifications.From(e, after, before, BaseUrl).Single();
        var again = ReleaseNotifications.From(e, after, before, BaseUrl).Single();

        Assert.Equal(("contoso-web", "rel-1", T0.AddMinutes(3)), (n.App, n.ReleaseId, n.At));
        Assert.Equal("contoso-web 1.5.0: blocked", n.Title);
        Assert.Equal(ReleaseEventText.Describe(e), n.Text);
        Assert.Contains(new NotificationFact("Reason", e.Reason), n.Facts);
        Assert.Contains(new NotificationFact("Candidate", "1.5.0 (9f2c1e7a4b)"), n.Facts);
        Assert.Equal("000002-blocked", n.Id);
        Assert.Equal(n, again);
    }

    [Theory]
    [InlineData(new[] { VerdictPhase.Running, VerdictPhase.Running, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Fail }, new[] { false, false, true, false, true })]
    [InlineData(new[] { VerdictPhase.Pass, VerdictPhase.Error, VerdictPhase.Error, VerdictPhase.Pass }, new[] { true, true, false, true })]
    [InlineData(new[] { VerdictPhase.Inconclusive }, new[] { true })]
    public void From_Verdicts_NotifyOnlyWhenThePhaseChanges(VerdictPhase[] phases, bool[] expected)
    {
        var state = Requested();
        var notified = new List<bool>();
        for (var i = 0; i < phases.Length; i++)
        {
            var e = new VerdictRecorded(T0.AddMinutes(i), "bake", i + 1, V(phases[i]));
            var after = ReleaseDecider.Evolve(state, e);
            notified.Add(ReleaseNotifications.From(e, after, state, BaseUrl).Length == 1);
            state = after;
        }

        Assert.Equal(expected, notified);
    }

    [Fact]
    public void FromBatch_TwoVerdictsInOneBatch_ComparesEachWithTheOneBeforeIt()
    {
        var before = Requested();
        ReleaseEvent[] events =
        [
            new VerdictRecorded(T0, "bake", 1, V(VerdictPhase.Fail, "5xx 7%")),
            new VerdictRecorded(T0, "bake", 2, V(VerdictPhase.Fail, "5xx 8%")),
            new RollbackStarted(T0, "bake failed", "judge"),
        ];

        var kinds = ReleaseNotifications.FromBatch(before, events, BaseUrl).Select(n => n.Kind);

        Assert.Equal([NotificationKind.VerdictChanged, NotificationKind.RollbackStarted], kinds);
    }

    [Fact]
    public void From_HumansPagedWithSwapBackDisabled_SaysSoAndOffersKeepAndRollback()
    {
        var before = ReleaseDecider.Evolve(Requested(db: DatabaseChange.Breaking), new SwapBackDisabled(T0, "breaking database change"));

        var n = Map(new HumansPaged(T0, "bake ended fail"), before).Single();

        Assert.Contains(new NotificationFact("Automatic swap-back", "disabled"), n.Facts);
        Assert.Equal(["Release status"], n.Links.Select(l => l.Title));
        Assert.Equal(["Approve", "Roll back"], n.Facts.Select(f => f.Name).Where(f => f is "Approve" or "Roll back"));
        Assert.Equal(NotificationSeverity.Critical, n.Severity);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dfb.contoso.test")]
    [InlineData("ftp://dfb.contoso.test")]
    [InlineData("https://dfb.contoso.test/?x=1")]
    public void From_BadBaseUrl_ThrowsNamingBaseUrl(string baseUrl)
    {
        var ex = Assert.Throws<ArgumentException>(() => ReleaseNotifications.From(new ReleaseSucceeded(T0, "ok"), Requested(), Requested(), baseUrl));

        Assert.Equal("baseUrl", ex.ParamName);
    }

    [Fact]
    public void From_BaseUrlWithPath_KeepsThePath()
    {
        var n = ReleaseNotifications.From(new ReleaseSucceeded(T0, "ok"), Requested(), Requested(), "https://contoso.test/dfb/").Single();

        Assert.Equal("https://contoso.test/dfb/api/releases/rel-1", n.Links.Single().Url.AbsoluteUri);
        Assert.StartsWith("POST https://contoso.test/dfb/api/apps/contoso-web/backout with body ", n.Facts.Single(f => f.Name.StartsWith("Back out", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MonitorCondition.Fired, NotificationKind.IncidentFired)]
    [InlineData(MonitorCondition.Resolved, NotificationKind.IncidentResolved)]
    public void ForIncident_FiredOrResolved_GivesOneWithAStableIdPerAlert(MonitorCondition condition, NotificationKind kind)
    {
        var n = ReleaseNotifications.ForIncident(Alert(condition), "contoso-web", "rel-1", "incident-recorded", BaseUrl).Single();
        var again = ReleaseNotifications.ForIncident(Alert(condition), "contoso-web", "rel-1", "incident-recorded", BaseUrl).Single();
        var other = ReleaseNotifications.ForIncident(Alert(condition) with { AlertId = "alert-2" }, "contoso-web", "rel-1", "incident-recorded", BaseUrl).Single();

        Assert.Equal(kind, n.Kind);
        Assert.Equal(again.Id, n.Id);
        Assert.NotEqual(other.Id, n.Id);
        Assert.Contains(new NotificationFact("Handled", "incident-recorded"), n.Facts);
        Assert.Equal("https://dfb.contoso.test/api/apps/contoso-web", n.Links[0].Url.AbsoluteUri);
    }

    [Fact]
    public void ForIncident_CostAlertWithoutCondition_GivesNone()
    {
        Assert.Empty(ReleaseNotifications.ForIncident(Alert(MonitorCondition.None), "contoso-web", null, "incident-recorded", BaseUrl));
    }

    [Fact]
    public async Task FromBatch_WholeSimulatedRelease_TellsQueuedSwappedVerdictAndSucceeded()
    {
        var world = new SimulatedWorld(T0, seed: 7);
        world.AddApp("web", "1.0.0", new string('a', 40));
        world.Build("web", "1.1.0", new string('b', 40), new string('a', 40));
        await world.SubmitAsync(SimulatedWorld.Request("r1", "web", "1.1.0", new string('b', 40)));
        world.Run();

        var notifications = ReleaseNotifications.FromBatch(ReleaseState.Initial, await world.EventsAsync("r1"), BaseUrl);

        Assert.Equal(NotificationKind.Queued, notifications[0].Kind);
        Assert.Equal(NotificationKind.Succeeded, notifications[^1].Kind);
        Assert.Contains(notifications, n => n.Kind == NotificationKind.Swapped);
        Assert.Equal(notifications.Length, notifications.Select(n => n.Id).Distinct().Count());
        Assert.True(notifications.Count(n => n.Kind == NotificationKind.VerdictChanged) < (await world.StateAsync("r1")).Verdicts.Count);
    }

    [Fact]
    public async Task FromRecorded_WholeLogAsOneBatch_GivesTheSameIdsAndKindsAsEventByEvent()
    {
        var world = new SimulatedWorld(T0, seed: 7);
        world.AddApp("web", "1.0.0", new string('a', 40));
        world.Build("web", "1.1.0", new string('b', 40), new string('a', 40));
        world.AppService.SetBehavior("1.1.0", new VersionBehavior(0.05, 80));
        await world.SubmitAsync(SimulatedWorld.Request("r1", "web", "1.1.0", new string('b', 40)));
        world.Run();
        var events = await world.EventsAsync("r1");

        var recorded = ReleaseNotifications.FromRecorded(await world.StateAsync("r1"), 0, events, BaseUrl);
        var stepwise = ReleaseNotifications.FromBatch(ReleaseState.Initial, events, BaseUrl);

        Assert.Equal(stepwise.Select(n => (n.Id, n.Kind)), recorded.Select(n => (n.Id, n.Kind)));
        Assert.Contains(recorded, n => n.Kind == NotificationKind.RolledBack);
    }
}
