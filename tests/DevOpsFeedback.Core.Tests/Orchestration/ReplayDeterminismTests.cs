using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Orchestration.VirtualTime;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;

namespace DevOpsFeedback.Orchestration;

/// <summary>
/// Re-running <see cref="ReleaseLoop"/> over a recorded history — as a durable engine does after every await —
/// issues the same steps in the same order and decides the same events. The history is recorded from a live run
/// in virtual time and played back through a runtime that answers only from the recording.
/// </summary>
public sealed class ReplayDeterminismTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private const string Base = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Next = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    public static TheoryData<string> Scenarios =>
        ["good", "bad", "canary", "approval and alert", "failed swap", "freeze", "telemetry outage", "hotfix override"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Given_a_recorded_history_When_the_loop_replays_it_Then_it_issues_the_same_steps_and_events(string scenario)
    {
        var live = await RecordAsync(scenario);
        Assert.NotEmpty(live.Tape);

        var replay = new ReplayRuntime(live.Start, live.Tape);
        var final = await new ReleaseLoop(replay).RunAsync(live.Initial);

        Assert.Equal(Json(live.Tape.OfType<ActionCall>().Select(a => a.Action)), Json(replay.ActionsAsked));
        Assert.Equal(Json(live.Tape.OfType<WaitCall>().Select(w => (object?)w.Until)), Json(replay.WaitsAsked.Select(u => (object?)u)));
        Assert.Equal(Json(live.Events), Json(replay.Events));
        Assert.Equal(live.Tape.Count, replay.Position);
        Assert.Equal(live.Final.Status, final.Status);
        Assert.Equal(live.Final.OutcomeReason, final.OutcomeReason);
    }

    [Theory]
    [InlineData("good", ReleaseOutcome.Succeeded, "bake of 30 min passed")]
    [InlineData("bad", ReleaseOutcome.RolledBack, "bake analysis 2 failed")]
    [InlineData("canary", ReleaseOutcome.Succeeded, "bake of 30 min passed")]
    [InlineData("approval and alert", ReleaseOutcome.RolledBack, "alert 'http-5xx' fired")]
    [InlineData("failed swap", ReleaseOutcome.RolledBack, "ARM answered 500")]
    [InlineData("freeze", ReleaseOutcome.Succeeded, "bake of 30 min passed")]
    [InlineData("telemetry outage", ReleaseOutcome.RolledBack, "red button pressed by bob")]
    [InlineData("hotfix override", ReleaseOutcome.Succeeded, "bake of 30 min passed")]
    public async Task Given_a_scenario_When_recorded_Then_it_tells_the_story_it_is_named_after(string scenario, ReleaseOutcome outcome, string reason)
    {
        var live = await RecordAsync(scenario);
        Assert.Equal(outcome, live.Final.Outcome);
        Assert.Contains(reason, live.Final.OutcomeReason, StringComparison.Ordinal);
        switch (scenario)
        {
            case "approval and alert":
                Assert.Contains(live.Events, e => e is ApprovalRefused);
                Assert.Contains(live.Events, e => e is ReleaseApproved { By: "alice" });
                break;
            case "freeze":
                Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), Assert.Single(live.Events.OfType<WaitingForChangeWindow>()).Until);
                Assert.True(live.World.AppService.SwapLog[0].At >= new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
                break;
            case "telemetry outage":
                Assert.Contains(live.Events, e => e is HumansPaged);
                break;
            case "hotfix override":
                Assert.Contains(live.Events, e => e is AuditFailed);
                Assert.Contains(live.Events, e => e is AuditOverridden);
                break;
            case "canary":
                Assert.Equal(4, live.Events.OfType<CanaryTrafficSet>().Count());
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Given_the_same_world_When_run_twice_Then_both_runs_take_the_same_steps(string scenario)
    {
        var first = await RecordAsync(scenario);
        var second = await RecordAsync(scenario);
        Assert.Equal(Json(first.Tape.Select(Describe)), Json(second.Tape.Select(Describe)));
        Assert.Equal(Json(first.Events), Json(second.Events));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Given_the_stored_log_When_folded_again_Then_it_is_the_state_the_loop_ended_with(string scenario)
    {
        var live = await RecordAsync(scenario);
        var stored = ReleaseJson.Fold(await live.World.Store.ReadAsync("r1", default));
        Assert.Equal(live.Final.Version, stored.Version);
        Assert.Equal(live.Final.Status, stored.Status);
        Assert.Equal(live.Final.OutcomeReason, stored.OutcomeReason);
        Assert.Equal(
            DeciderStep(ReleaseDecider.NextStep(live.Final, live.World.Now)),
            DeciderStep(ReleaseDecider.NextStep(stored, live.World.Now)));
    }

    [Fact]
    public async Task Given_a_history_with_another_verdict_When_replayed_Then_the_replay_diverges_loudly()
    {
        var live = await RecordAsync("good");
        var firstAnalysis = live.Tape.FindIndex(c => c is ActionCall { Result: Analyzed });
        var tampered = live.Tape.ToList();
        var call = (ActionCall)tampered[firstAnalysis];
        tampered[firstAnalysis] = call with { Result = new Analyzed(new Verdict(call.After, VerdictPhase.Fail, "error rate 9%", [])) };

        var replay = new ReplayRuntime(live.Start, tampered);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ReleaseLoop(replay).RunAsync(live.Initial));
        Assert.Contains("replay diverged", error.Message, StringComparison.Ordinal);
        Assert.Contains(replay.Events, e => e is RollbackStarted);
    }

    private sealed record Recording(
        SimulatedWorld World, DateTimeOffset Start, ReleaseState Initial, List<RuntimeCall> Tape, List<ReleaseEvent> Events, ReleaseState Final);

    private static async Task<Recording> RecordAsync(string scenario)
    {
        var calendar = scenario == "freeze"
            ? new ChangeCalendar("Europe/Berlin", [new WeeklyFreeze("Mon 08:00", "Mon 11:00", "stand-up and planning")], [])
            : ChangeCalendar.AlwaysOpen;
        var settings = ReleaseSettings.Default with { Calendar = calendar };
        var world = new SimulatedWorld(Monday, seed: 11);
        world.AddApp("web", "1.0.0", Base, settings: settings);
        var candidateParent = Base;
        if (scenario == "hotfix override")
        {
            // Production runs a hotfix the candidate lacks.
            world.Source.Commit("hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh", Base);
            world.Build("web", "1.0.1-hotfix", "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh", Base);
            await world.AppService.SwapAsync("web", "1.0.1-hotfix", default);
        }

        world.Build("web", "1.1.0", Next, candidateParent);
        var request = SimulatedWorld.Request("r1", "web", "1.1.0", Next,
            scenario is "approval and alert" ? ChangeType.Normal : ChangeType.Standard,
            canary: scenario == "canary" ? new CanaryPlan([5, 25, 50], 10) : null);
        if (scenario == "bad") world.AppService.SetBehavior("1.1.0", new VersionBehavior(0.06, 80));
        if (scenario == "failed swap") world.AppService.FailNextSwap = "ARM answered 500 to slotsswap";

        ImmutableArray<ReleaseEvent> initial =
        [
            .. ReleaseDecider.Decide(new RequestRelease(Monday, request, settings), ReleaseState.Initial),
            new ReleaseAdmitted(Monday),
        ];
        var initialState = ReleaseDecider.Fold(initial);
        await world.Store.AppendAsync("r1", "web", 0, ReleaseJson.ToEnvelopes(0, initial), initialState.Status, default);

        var runtime = new RecordingRuntime(new VirtualReleaseRuntime(world.Scheduler, world.Actions, world.Store));
        if (scenario == "approval and alert")
        {
            world.Scheduler.At(Monday.AddMinutes(4), () => runtime.Signal(new ApproveSignal("pipeline", null, [])));
            world.Scheduler.At(Monday.AddMinutes(9), () => runtime.Signal(new ApproveSignal("alice", "ok", [])));
            world.Scheduler.At(Monday.AddMinutes(21), () => runtime.Signal(new AlertSignalReceived(Alert(Monday.AddMinutes(21)))));
        }

        if (scenario == "hotfix override")
        {
            world.Scheduler.At(Monday.AddMinutes(30), () => runtime.Signal(new ApproveSignal("alice", "hotfix re-applied in 1.1.0", ["hotfix-regression"])));
        }

        if (scenario == "telemetry outage")
        {
            world.Scheduler.At(Monday.AddMinutes(1), () => world.AppService.TelemetryOutage = "Log Analytics answered 503");
            world.Scheduler.At(Monday.AddHours(2), () => runtime.Signal(new RollbackSignal("bob", "no telemetry for two hours")));
        }

        var loop = new ReleaseLoop(runtime).RunAsync(initialState);
        world.Run();
        Assert.True(loop.IsCompletedSuccessfully, $"the {scenario} release did not finish in virtual time");
        var final = await loop;
        return new Recording(world, Monday, initialState, runtime.Tape, runtime.Events, final);
    }

    private static AlertSignal Alert(DateTimeOffset at) =>
        new("alert-1", "http-5xx", "Sev1", ["/subscriptions/s/sites/web"], at, null, MonitorCondition.Fired, "Metric", "5xx above 2%");

    private static string[] Json<T>(IEnumerable<T> items) => [.. items.Select(i => ReleaseJson.Serialize(i))];

    private static string Describe(RuntimeCall call) => call switch
    {
        ActionCall a => $"{a.After:O} run {ReleaseJson.Serialize(a.Action)} -> {ReleaseJson.Serialize(a.Result)}",
        WaitCall w => $"{w.After:O} wait {w.Until:O} -> {(w.Signal is null ? "time" : ReleaseJson.Serialize(w.Signal))}",
        _ => call.GetType().Name,
    };

    private static string DeciderStep(ReleaseStep step) => step switch
    {
        RunAction r => ReleaseJson.Serialize(r.Action),
        _ => ReleaseJson.Serialize((object)step),
    };
}
