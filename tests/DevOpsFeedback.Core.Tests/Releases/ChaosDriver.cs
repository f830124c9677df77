using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Releases;

/// <summary>One random release: its request and the stream of random choices that pick results, signals and times.</summary>
public sealed record ChaosScript(ChangeType Type, DatabaseChange Database, bool Canary, int StartDay, int StartMinute, int[] Choices)
{
    public override string ToString() =>
        $"{Type}/{Database}/{(Canary ? "canary" : "blue-green")} start day {StartDay} +{StartMinute} min, choices [{string.Join(",", Choices)}]";
}

/// <summary>What a swap did to the slots, and how many events the log had when it did.</summary>
public sealed record RealSwap(DateTimeOffset At, string ToProduction, int EventsBefore);

/// <summary>
/// Drives the decider the way <c>ReleaseLoop</c> does (advance, next step, run it, feed the answer back) against a
/// small model of the two slots, with every answer, signal and delay picked by the script: actions fail before or
/// after they take effect, verdicts come out any way, people approve, reject, press buttons; alerts fire.
/// </summary>
internal sealed class ChaosDriver
{
    /// <summary>Weekend, a daily lunch freeze and a one-off date, so random releases meet closed windows.</summary>
    public static readonly ChangeCalendar Calendar = new(
        "Europe/Berlin",
        [new WeeklyFreeze("Fri 16:00", "Mon 08:00", "weekend"), .. new[] { "Mon", "Tue", "Wed", "Thu", "Fri" }.Select(d => new WeeklyFreeze($"{d} 10:20", $"{d} 10:45", "lunch"))],
        [new DateFreeze("2026-11-26", "2026-11-26", "thanksgiving")]);

    private static readonly ReleaseSettings Settings = Story.Settings(Calendar, BakePolicy.Default with { Interval = TimeSpan.FromMinutes(5), Duration = TimeSpan.FromMinutes(20) });

    private readonly ChaosScript _script;
    private int _next;

    public ChaosDriver(ChaosScript script)
    {
        _script = script;
        Now = Story.T0.Date.AddDays(script.StartDay).AddHours(7).AddMinutes(script.StartMinute);
        Request = Story.Request(script.Type, script.Database, script.Canary ? new CanaryPlan([5, 25], 10) : null);
    }

    public ReleaseRequest Request { get; }

    public DateTimeOffset Now { get; private set; }

    public ReleaseState State { get; private set; } = ReleaseState.Initial;

    public List<ReleaseEvent> Events { get; } = [];

    public List<(DateTimeOffset At, StepAction Action)> Actions { get; } = [];

    public List<RealSwap> Swaps { get; } = [];

    public string Production { get; private set; } = Story.Baseline;

    public string Staging { get; private set; } = Story.Candidate;

    public double CanaryPercent { get; private set; }

    /// <summary>Runs until the release finishes (a backout may follow once) or the step budget is spent.</summary>
    public ChaosDriver Run(int budget = 300)
    {
        Apply(new RequestRelease(Now, Request, Settings));
        Apply(new AdmitRelease(Now));
        var backoutTried = false;
        for (var i = 0; i < budget; i++)
        {
            if (Pick(100) < 3) Apply(RandomSignal());
            Apply(new Advance(Now));
            switch (ReleaseDecider.NextStep(State, Now))
            {
                case Finish:
                    if (backoutTried || State.Outcome != ReleaseOutcome.Succeeded || Pick(2) == 0) return this;
                    backoutTried = true;
                    if (Pick(3) == 0) Staging = "1.2.0"; // a new build overwrote staging
                    Now += TimeSpan.FromMinutes(1 + Pick(120));
                    Apply(new RequestBackout(Now, "bob", "customers complain"));
                    break;
                case RunAction run:
                    Actions.Add((Now, run.Action));
                    Apply(new RecordStepResult(Now, Execute(run.Action)));
                    Now += TimeSpan.FromSeconds(Pick(90));
                    break;
                case WaitForSignal wait:
                    // People answer long waits (approval, override, hold) before the deadline more often than not;
                    // short waits (next analysis, change window) mostly run to their time.
                    var far = wait.Until is not { } deadline || deadline - Now > TimeSpan.FromHours(1);
                    if (wait.Until is { } until && Pick(100) < (far ? 15 : 80))
                    {
                        if (until > Now) Now = until;
                    }
                    else
                    {
                        var later = Now + TimeSpan.FromMinutes(Pick(30));
                        Now = wait.Until is { } u && later > u ? u : later;
                        Apply(RandomSignal());
                    }

                    break;
            }
        }

        return this;
    }

    private void Apply(ReleaseCommand command)
    {
        foreach (var e in ReleaseDecider.Decide(command, State))
        {
            Events.Add(e);
            State = ReleaseDecider.Evolve(State, e);
        }
    }

    private int Pick(int n)
    {
        var choices = _script.Choices;
        var value = choices.Length == 0 ? 0 : choices[_next++ % choices.Length];
        return (int)(((uint)value + (uint)_next * 2654435761u) % (uint)n);
    }

    /// <summary>Only what reaches a release from outside; step results come only as answers to its own steps, as in the loop.</summary>
    private ReleaseCommand RandomSignal() => Pick(20) switch
    {
        < 6 => new ApproveRelease(Now, Story.Approver, null, Pick(2) == 0 ? ["hotfix-regression"] : []),
        6 => new ApproveRelease(Now, Story.Requester, null, ["hotfix-regression"]),
        7 => new RejectRelease(Now, Pick(2) == 0 ? Story.Approver : Story.Requester, "no"),
        8 => new RequestRollback(Now, "bob", "looks wrong"),
        < 13 => new RaiseAlert(Now, Story.Alert(Pick(3) == 0 ? MonitorCondition.Fired : MonitorCondition.Resolved)),
        _ => new Advance(Now), // nobody did anything
    };

    private SlotsSnapshot Snapshot() =>
        Story.Slots(Production, Production == Story.Baseline ? Story.BaseCommit : Story.CandidateCommit, Staging, Staging == Story.Baseline ? Story.BaseCommit : Story.CandidateCommit)
        with { CanaryPercent = CanaryPercent };

    private StepResult Execute(StepAction action)
    {
        var fate = Pick(100);
        switch (action)
        {
            case InspectSlots:
                return fate < 5 ? new ActionFailed(action.Name, "ARM 503") : new SlotsRead(Snapshot());
            case CheckAncestry:
                return new AncestryChecked(fate switch
                {
                    < 75 => new AncestryResult(true, "ahead", []),
                    < 90 => new AncestryResult(false, "diverged", ["ffff"]),
                    _ => AncestryResult.Failed("GitHub 502"),
                });
            case SmokeTest s:
                return fate < 5 ? new ActionFailed(action.Name, "timeout") : new SmokeTested(s.Slot, new SmokeTestResult(fate < 90, 3, "probe"));
            case SetCanaryTraffic t:
                if (fate < 5) return new ActionFailed(action.Name, "ARM 409");
                CanaryPercent = t.Percent;
                return new CanaryTrafficApplied(t.Percent);
            case Analyze:
                return new Analyzed(Story.Verdict(fate switch { < 60 => VerdictPhase.Pass, < 72 => VerdictPhase.Fail, < 86 => VerdictPhase.Error, _ => VerdictPhase.Inconclusive }, Now));
            case SwapSlots or SwapBack:
                var wanted = action is SwapSlots a ? a.WantedProductionVersion : ((SwapBack)action).WantedProductionVersion;
                if (Production == wanted) return new SwapCompleted(Story.Swap(false, Snapshot()), action is SwapBack);
                if (fate < 8) return new ActionFailed(action.Name, "ARM timeout before the swap");
                (Production, Staging) = (Staging, Production);
                Swaps.Add(new RealSwap(Now, Production, Events.Count));
                return fate < 14
                    ? new ActionFailed(action.Name, "ARM timeout after the swap")
                    : new SwapCompleted(Story.Swap(true, Snapshot()), action is SwapBack);
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "unknown action");
        }
    }
}
