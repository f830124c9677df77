using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Releases;

/// <summary>The cast and the usual history of one release of "web" from 1.0.0 to 1.1.0, for decider specs.</summary>
internal static class Story
{
    /// <summary>Monday 2026-11-23 10:00 UTC.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public const string App = "web";
    public const string Baseline = "1.0.0";
    public const string Candidate = "1.1.0";
    public const string BaseCommit = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string CandidateCommit = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string Requester = "pipeline";
    public const string Approver = "alice";

    public static ReleaseRequest Request(
        ChangeType type = ChangeType.Standard, DatabaseChange db = DatabaseChange.None, CanaryPlan? canary = null, string id = "r1") =>
        new(id, App, Candidate, CandidateCommit, type, db, "swap back to 1.0.0", Requester, ["AB#12"], canary, "default");

    public static ReleaseSettings Settings(ChangeCalendar? calendar = null, BakePolicy? bake = null, params string[] environmentBound) =>
        ReleaseSettings.Default with
        {
            Calendar = calendar ?? ChangeCalendar.AlwaysOpen,
            Bake = bake ?? BakePolicy.Default,
            EnvironmentBoundSettings = [.. environmentBound],
        };

    public static SlotState Slot(string name, string? version, string? commit, string db = "", params (string Name, string Value)[] settings) => new(
        name, "Running", $"web-{name}.azurewebsites.net", version, commit,
        settings.ToImmutableSortedDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal),
        db.Length == 0 ? ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)
            : ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("Db", db)]),
        "/healthz");

    /// <summary>Production on the baseline, staging on the candidate, the database connection sticky and different.</summary>
    public static SlotsSnapshot Slots(
        string? productionVersion = Baseline, string? productionCommit = BaseCommit,
        string? stagingVersion = Candidate, string? stagingCommit = CandidateCommit) => new(
        Slot(ReleaseDecider.ProductionSlot, productionVersion, productionCommit, "Server=sql-prod"),
        Slot("staging", stagingVersion, stagingCommit, "Server=sql-staging"),
        new StickyNames([], ["Db"]),
        0);

    /// <summary>After the swap: production on the candidate, staging holding the baseline.</summary>
    public static SlotsSnapshot SwappedSlots => Slots(Candidate, CandidateCommit, Baseline, BaseCommit);

    public static Verdict Verdict(VerdictPhase phase, DateTimeOffset at) => new(at, phase, $"judged {phase}", []);

    public static SwapResult Swap(bool swapped, SlotsSnapshot after) => new(swapped, swapped ? "swapped" : "nothing swapped", after);

    // The usual history, stage by stage.
    public static ReleaseEvent[] Requested(ReleaseRequest? request = null, ReleaseSettings? settings = null) =>
        [new ReleaseRequested(T0, request ?? Request(), settings ?? Settings())];

    public static ReleaseEvent[] Admitted => [new ReleaseAdmitted(T0)];

    public static ReleaseEvent[] Inspected => [new SlotsInspected(T0, Slots())];

    public static ReleaseEvent[] Audited => [new AuditPassed(T0, BaseCommit, "ahead")];

    public static ReleaseEvent[] DataSafe => [new DataSafetyPassed(T0)];

    public static ReleaseEvent[] Smoked => [new SmokeTestPassed(T0, "staging", "3 consecutive 200")];

    public static ReleaseEvent[] Swapped => [new SlotsSwapped(T0, true, "swapped", Candidate, Baseline)];

    /// <summary>Requested, admitted, slots read and audit passed: data safety is next.</summary>
    public static ReleaseEvent[] Audit(ReleaseRequest? request = null, ReleaseSettings? settings = null) =>
        [.. Requested(request, settings), .. Admitted, .. Inspected, .. Audited];

    /// <summary>Every check passed and (when needed) approved: the smoke test is next.</summary>
    public static ReleaseEvent[] Checked(ReleaseRequest? request = null, ReleaseSettings? settings = null)
    {
        var r = request ?? Request();
        ReleaseEvent[] approval = r.NeedsApproval
            ? [new ApprovalRequested(T0, "normal change", T0.AddHours(24)), new ReleaseApproved(T0, Approver, null, [])]
            : [];
        ReleaseEvent[] swapBack = r.AllowsAutomaticSwapBack ? [] : [new SwapBackDisabled(T0, "breaking database change")];
        return [.. Audit(r, settings), .. DataSafe, .. swapBack, .. approval];
    }

    /// <summary>Smoke test passed: canary or swap is next.</summary>
    public static ReleaseEvent[] Smoke(ReleaseRequest? request = null, ReleaseSettings? settings = null) =>
        [.. Checked(request, settings), .. Smoked];

    /// <summary>Swapped at <see cref="T0"/>: the bake runs, first analysis due at T0 + 5 min.</summary>
    public static ReleaseEvent[] Baking(ReleaseRequest? request = null, ReleaseSettings? settings = null) =>
        [.. Smoke(request, settings), .. Swapped];

    /// <summary>A bake of six passing analyses, then success at T0 + 30 min.</summary>
    public static ReleaseEvent[] Succeeded(ReleaseRequest? request = null, ReleaseSettings? settings = null) =>
        [.. Baking(request, settings), .. Looks(VerdictPhase.Pass, 6), new ReleaseSucceeded(T0.AddMinutes(30), "bake passed")];

    /// <summary><paramref name="count"/> bake verdicts of one phase, 5 minutes apart.</summary>
    public static ReleaseEvent[] Looks(VerdictPhase phase, int count, int first = 1) =>
        [.. Enumerable.Range(first, count).Select(i => new VerdictRecorded(T0.AddMinutes(5 * i), "bake", i, Verdict(phase, T0.AddMinutes(5 * i))))];

    public static AlertSignal Alert(MonitorCondition condition = MonitorCondition.Fired) => new(
        "/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/1", "http-5xx", "Sev1", ["/subscriptions/s/sites/web"],
        T0, condition == MonitorCondition.Resolved ? T0.AddMinutes(1) : null, condition, "Metric", "5xx above 2%");

    public static RecordStepResult Result(DateTimeOffset at, StepResult result) => new(at, result);

    public static RunAction Run(StepAction action) => new(action);
}
