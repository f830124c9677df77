using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;
using static DevOpsFeedback.Releases.DeciderSpec;
using static DevOpsFeedback.Releases.Story;

namespace DevOpsFeedback.Releases;

/// <summary>Smoke test, canary, swap and bake.</summary>
public sealed partial class ReleaseDeciderSpecs
{
    private static readonly CanaryPlan TwoSteps = new([5, 25], 10);

    [Fact]
    public void Given_checked_When_staging_answers_healthy_Then_the_smoke_test_passes_and_the_swap_is_next()
    {
        Given(Checked())
            .When(Result(T0, new SmokeTested("staging", new SmokeTestResult(true, 3, "3 x 200"))))
            .Then(new SmokeTestPassed(T0, "staging", "3 x 200"))
            .ThenNext(Run(new SwapSlots(App, Candidate)), T0);
    }

    [Fact]
    public void Given_checked_When_staging_answers_unhealthy_Then_the_release_is_aborted_before_production_changes()
    {
        Given(Checked())
            .When(Result(T0, new SmokeTested("staging", new SmokeTestResult(false, 3, "503"))))
            .Then(new ReleaseAborted(T0, "smoke test of staging failed: 503"));
    }

    [Fact]
    public void Given_smoke_tested_When_a_second_smoke_answer_arrives_Then_it_is_ignored()
    {
        Given(Smoke()).When(Result(T0, new SmokeTested("staging", new SmokeTestResult(false, 3, "503")))).ThenNothing();
    }

    [Fact]
    public void Given_smoke_tested_with_a_canary_plan_When_advanced_Then_the_first_step_is_routed()
    {
        Given(Smoke(Request(canary: TwoSteps))).When(new Advance(T0)).ThenNothing().ThenNext(Run(new SetCanaryTraffic(App, 5)), T0);
    }

    private static ReleaseEvent[] CanaryAt5 => [.. Smoke(Request(canary: TwoSteps)), new CanaryTrafficSet(T0, 5)];

    private static VerdictRecorded CanaryLook(int percent, int look, VerdictPhase phase, DateTimeOffset at) =>
        new(at, $"canary {percent}%", look, Verdict(phase, at));

    [Fact]
    public void Given_a_canary_step_routed_When_waiting_Then_the_first_analysis_comes_after_one_interval()
    {
        var spec = Given(Smoke(Request(canary: TwoSteps)))
            .When(Result(T0, new CanaryTrafficApplied(5)))
            .Then(new CanaryTrafficSet(T0, 5))
            .ThenNext(new WaitForSignal(T0.AddMinutes(5), "canary at 5%: next analysis"), T0);
        Assert.Equal("canary", spec.After.Status);
        spec.ThenNext(Run(new Analyze(App, AnalysisMode.Canary, Baseline, Candidate, T0, T0.AddMinutes(5), 1, 2, 5)), T0.AddMinutes(5));
    }

    [Fact]
    public void Given_a_canary_step_When_its_analyses_pass_Then_the_next_step_is_routed()
    {
        Given(CanaryAt5, [CanaryLook(5, 1, VerdictPhase.Pass, T0.AddMinutes(5))])
            .When(Result(T0.AddMinutes(10), new Analyzed(Verdict(VerdictPhase.Pass, T0.AddMinutes(10)))))
            .Then(CanaryLook(5, 2, VerdictPhase.Pass, T0.AddMinutes(10)))
            .ThenNext(Run(new SetCanaryTraffic(App, 25)), T0.AddMinutes(10));
    }

    [Fact]
    public void Given_the_last_canary_step_passed_When_advanced_Then_traffic_is_reset_and_then_the_swap_follows()
    {
        ReleaseEvent[] history =
        [
            .. CanaryAt5, CanaryLook(5, 1, VerdictPhase.Pass, T0.AddMinutes(5)), CanaryLook(5, 2, VerdictPhase.Pass, T0.AddMinutes(10)),
            new CanaryTrafficSet(T0.AddMinutes(10), 25), CanaryLook(25, 1, VerdictPhase.Pass, T0.AddMinutes(15)), CanaryLook(25, 2, VerdictPhase.Pass, T0.AddMinutes(20)),
        ];
        Given(history).When(new Advance(T0.AddMinutes(20))).ThenNothing().ThenNext(Run(new SetCanaryTraffic(App, 0)), T0.AddMinutes(20));
        Given(history)
            .When(Result(T0.AddMinutes(20), new CanaryTrafficApplied(0)))
            .Then(new CanaryTrafficSet(T0.AddMinutes(20), 0))
            .ThenNext(Run(new SwapSlots(App, Candidate)), T0.AddMinutes(20));
    }

    [Fact]
    public void Given_a_canary_step_When_an_analysis_fails_Then_traffic_is_reset_and_the_release_ends_without_a_swap()
    {
        var failAt = T0.AddMinutes(5);
        var spec = Given(CanaryAt5)
            .When(Result(failAt, new Analyzed(Verdict(VerdictPhase.Fail, failAt))))
            .ThenTypes(typeof(VerdictRecorded), typeof(RollbackStarted))
            .ThenNext(Run(new SetCanaryTraffic(App, 0)), failAt);
        Assert.Equal("judge", spec.The<RollbackStarted>().By);
        Assert.Contains("canary 5% analysis 1 failed", spec.The<RollbackStarted>().Reason, StringComparison.Ordinal);

        var reset = Given([.. spec.History, .. spec.Decided])
            .When(Result(failAt, new CanaryTrafficApplied(0)))
            .ThenTypes(typeof(CanaryTrafficSet), typeof(ReleaseRolledBack));
        Assert.Contains("production was never swapped", reset.The<ReleaseRolledBack>().Reason, StringComparison.Ordinal);
        Assert.False(reset.After.Swapped);
        Assert.IsType<Finish>(reset.Next(failAt));
    }

    [Fact]
    public void Given_a_canary_step_When_routing_traffic_fails_Then_the_release_rolls_back_the_routing()
    {
        Given(CanaryAt5, [CanaryLook(5, 1, VerdictPhase.Pass, T0.AddMinutes(5)), CanaryLook(5, 2, VerdictPhase.Pass, T0.AddMinutes(10))])
            .When(Result(T0.AddMinutes(10), new ActionFailed("route 25% to staging", "ARM 409")))
            .ThenTypes(typeof(StepFailed), typeof(RollbackStarted))
            .ThenNext(Run(new SetCanaryTraffic(App, 0)), T0.AddMinutes(10));
    }

    [Fact]
    public void Given_the_last_look_of_a_canary_step_When_it_is_inconclusive_Then_a_human_decides_before_more_traffic()
    {
        var at = T0.AddMinutes(10);
        var spec = Given(CanaryAt5, [CanaryLook(5, 1, VerdictPhase.Pass, T0.AddMinutes(5))])
            .When(Result(at, new Analyzed(Verdict(VerdictPhase.Inconclusive, at))))
            .ThenTypes(typeof(VerdictRecorded), typeof(HumansPaged));
        Assert.Equal("holding", spec.After.Status);
        Assert.Null(((WaitForSignal)spec.Next(at)).Until);
    }

    [Fact]
    public void Given_a_canary_hold_When_an_approver_lets_it_go_on_Then_the_canary_continues()
    {
        var at = T0.AddMinutes(12);
        ReleaseEvent[] held = [.. CanaryAt5, CanaryLook(5, 1, VerdictPhase.Pass, T0.AddMinutes(5)), CanaryLook(5, 2, VerdictPhase.Inconclusive, T0.AddMinutes(10)), new HumansPaged(T0.AddMinutes(10), "canary 5% ended inconclusive")];
        var spec = Given(held).When(new ApproveRelease(at, Approver, "low traffic, fine", [])).ThenTypes(typeof(ReleaseApproved));
        Assert.False(spec.After.IsHolding);
        spec.ThenNext(Run(new SetCanaryTraffic(App, 25)), at);
    }

    [Fact]
    public void Given_smoke_tested_When_the_swap_completes_Then_the_bake_starts()
    {
        var spec = Given(Smoke())
            .When(Result(T0, new SwapCompleted(Swap(true, SwappedSlots), IsSwapBack: false)))
            .Then(new SlotsSwapped(T0, true, "swapped", Candidate, Baseline))
            .ThenNext(new WaitForSignal(T0.AddMinutes(5), "baking: next analysis"), T0);
        Assert.Equal("baking", spec.After.Status);
    }

    [Fact]
    public void Given_swapped_When_the_swap_answer_comes_again_Then_it_is_ignored()
    {
        Given(Baking()).When(Result(T0, new SwapCompleted(Swap(true, Slots()), IsSwapBack: false))).ThenNothing();
    }

    [Fact]
    public void Given_smoke_tested_When_the_swap_fails_Then_an_idempotent_swap_back_verifies_production()
    {
        var spec = Given(Smoke())
            .When(Result(T0, new ActionFailed("swap staging into production", "ARM timeout")))
            .ThenTypes(typeof(StepFailed), typeof(RollbackStarted))
            .ThenNext(Run(new SwapBack(App, Baseline)), T0);
        Assert.Equal("release-loop", spec.The<RollbackStarted>().By);

        // The swap never happened: the swap-back finds production on the baseline and swaps nothing, then verifies.
        var back = Given([.. spec.History, .. spec.Decided])
            .When(Result(T0, new SwapCompleted(Swap(false, Slots()), IsSwapBack: true)))
            .Then(new SlotsSwappedBack(T0, false, "nothing swapped", Baseline))
            .ThenNext(Run(new SmokeTest(App, ReleaseDecider.ProductionSlot, SmokeTestSpec.Default)), T0);
        Given([.. back.History, .. back.Decided])
            .When(Result(T0, new SmokeTested(ReleaseDecider.ProductionSlot, new SmokeTestResult(true, 3, "200"))))
            .ThenTypes(typeof(ReleaseRolledBack));
    }

    [Fact]
    public void Given_baking_When_the_first_analysis_is_due_Then_it_covers_the_bake_so_far()
    {
        Given(Baking()).When(new Advance(T0.AddMinutes(5))).ThenNothing()
            .ThenNext(Run(new Analyze(App, AnalysisMode.BlueGreen, Baseline, Candidate, T0, T0.AddMinutes(5), 1, 6, 100)), T0.AddMinutes(5));
    }

    [Fact]
    public void Given_telemetry_that_arrives_late_When_an_analysis_is_due_Then_it_waits_for_it_and_still_judges_the_period_up_to_the_look()
    {
        // Log Analytics ingests minutes late: judging at the look itself would read a half-ingested minute as lost traffic.
        var settings = Settings(bake: BakePolicy.Default with { TelemetryDelay = TimeSpan.FromMinutes(2) });
        Given(Baking(settings: settings)).When(new Advance(T0.AddMinutes(5))).ThenNothing()
            .ThenNext(new WaitForSignal(T0.AddMinutes(7), "baking: next analysis"), T0.AddMinutes(5))
            .ThenNext(Run(new Analyze(App, AnalysisMode.BlueGreen, Baseline, Candidate, T0, T0.AddMinutes(5), 1, 6, 100)), T0.AddMinutes(7));
        Given(Smoke(Request(canary: TwoSteps), settings), [new CanaryTrafficSet(T0, 5)])
            .When(new Advance(T0.AddMinutes(5))).ThenNothing()
            .ThenNext(new WaitForSignal(T0.AddMinutes(7), "canary at 5%: next analysis"), T0.AddMinutes(5))
            .ThenNext(Run(new Analyze(App, AnalysisMode.Canary, Baseline, Candidate, T0, T0.AddMinutes(5), 1, 2, 5)), T0.AddMinutes(7));
    }

    [Fact]
    public void Given_baking_When_a_middle_analysis_passes_Then_it_is_recorded_and_the_bake_goes_on()
    {
        Given(Baking(), Looks(VerdictPhase.Pass, 2))
            .When(Result(T0.AddMinutes(15), new Analyzed(Verdict(VerdictPhase.Pass, T0.AddMinutes(15)))))
            .Then(Looks(VerdictPhase.Pass, 1, first: 3))
            .ThenNext(new WaitForSignal(T0.AddMinutes(20), "baking: next analysis"), T0.AddMinutes(15));
    }

    [Fact]
    public void Given_baking_When_the_last_analysis_passes_Then_the_release_succeeds()
    {
        var spec = Given(Baking(), Looks(VerdictPhase.Pass, 5))
            .When(Result(T0.AddMinutes(30), new Analyzed(Verdict(VerdictPhase.Pass, T0.AddMinutes(30)))))
            .ThenTypes(typeof(VerdictRecorded), typeof(ReleaseSucceeded));
        Assert.Contains("bake of 30 min passed: 6 analyses", spec.The<ReleaseSucceeded>().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_baking_When_an_analysis_fails_Then_the_release_rolls_back_by_swapping_back()
    {
        var spec = Given(Baking(), Looks(VerdictPhase.Pass, 1))
            .When(Result(T0.AddMinutes(10), new Analyzed(Verdict(VerdictPhase.Fail, T0.AddMinutes(10)))))
            .ThenTypes(typeof(VerdictRecorded), typeof(RollbackStarted))
            .ThenNext(Run(new SwapBack(App, Baseline)), T0.AddMinutes(10));
        Assert.Equal("rolling-back", spec.After.Status);
    }

    [Fact]
    public void Given_a_failure_limit_of_one_When_the_first_analysis_fails_Then_the_bake_goes_on_and_the_second_rolls_back()
    {
        var settings = Settings(bake: BakePolicy.Default with { FailureLimit = 1 });
        Given(Baking(settings: settings))
            .When(Result(T0.AddMinutes(5), new Analyzed(Verdict(VerdictPhase.Fail, T0.AddMinutes(5)))))
            .ThenTypes(typeof(VerdictRecorded));
        Given(Baking(settings: settings), Looks(VerdictPhase.Fail, 1))
            .When(Result(T0.AddMinutes(10), new Analyzed(Verdict(VerdictPhase.Fail, T0.AddMinutes(10)))))
            .ThenTypes(typeof(VerdictRecorded), typeof(RollbackStarted));
    }

    [Fact]
    public void Given_errors_up_to_the_limit_When_one_more_analysis_errs_Then_humans_are_paged_and_nothing_is_promoted()
    {
        var spec = Given(Baking(), Looks(VerdictPhase.Error, 3))
            .When(Result(T0.AddMinutes(20), new Analyzed(Verdict(VerdictPhase.Error, T0.AddMinutes(20)))))
            .ThenTypes(typeof(VerdictRecorded), typeof(HumansPaged));
        Assert.Contains("4 analyses in a row", spec.The<HumansPaged>().Reason, StringComparison.Ordinal);
        Assert.Equal(new WaitForSignal(null, spec.The<HumansPaged>().Reason), spec.Next(T0.AddHours(3)));
    }

    [Fact]
    public void Given_errors_then_a_pass_When_another_error_comes_Then_the_count_started_again()
    {
        Given(Baking(), [.. Looks(VerdictPhase.Error, 3), .. Looks(VerdictPhase.Pass, 1, first: 4)])
            .When(Result(T0.AddMinutes(25), new Analyzed(Verdict(VerdictPhase.Error, T0.AddMinutes(25)))))
            .ThenTypes(typeof(VerdictRecorded));
    }

    [Theory]
    [InlineData(VerdictPhase.Inconclusive, "bake ended inconclusive")]
    [InlineData(VerdictPhase.Error, "bake ended error")]
    public void Given_the_last_analysis_When_it_is_not_a_pass_Then_the_release_holds_for_a_human(VerdictPhase phase, string reason)
    {
        var spec = Given(Baking(), Looks(VerdictPhase.Pass, 5))
            .When(Result(T0.AddMinutes(30), new Analyzed(Verdict(phase, T0.AddMinutes(30)))))
            .ThenTypes(typeof(VerdictRecorded), typeof(HumansPaged));
        Assert.StartsWith(reason, spec.The<HumansPaged>().Reason, StringComparison.Ordinal);
        Assert.Equal("holding", spec.After.Status);
    }

    [Fact]
    public void Given_a_middle_analysis_When_it_is_inconclusive_Then_the_bake_goes_on()
    {
        Given(Baking(), Looks(VerdictPhase.Pass, 1))
            .When(Result(T0.AddMinutes(10), new Analyzed(Verdict(VerdictPhase.Inconclusive, T0.AddMinutes(10)))))
            .ThenTypes(typeof(VerdictRecorded));
    }

    private static ReleaseEvent[] Holding =>
        [.. Baking(), .. Looks(VerdictPhase.Pass, 5), .. Looks(VerdictPhase.Inconclusive, 1, first: 6), new HumansPaged(T0.AddMinutes(30), "bake ended inconclusive")];

    [Fact]
    public void Given_a_hold_When_an_approver_keeps_the_release_Then_it_succeeds()
    {
        var at = T0.AddMinutes(45);
        var spec = Given(Holding)
            .When(new ApproveRelease(at, Approver, "latency is fine", []))
            .ThenTypes(typeof(ReleaseApproved), typeof(ReleaseSucceeded));
        Assert.Contains("kept by alice", spec.The<ReleaseSucceeded>().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_hold_When_the_requester_approves_Then_it_is_refused_and_the_hold_stays()
    {
        var spec = Given(Holding).When(new ApproveRelease(T0.AddMinutes(45), Requester, null, [])).ThenTypes(typeof(ApprovalRefused));
        Assert.True(spec.After.IsHolding);
    }

    [Fact]
    public void Given_a_hold_When_time_passes_or_a_late_analysis_arrives_Then_nothing_changes()
    {
        Given(Holding).When(new Advance(T0.AddDays(2))).ThenNothing();
        Given(Holding).When(Result(T0.AddMinutes(35), new Analyzed(Verdict(VerdictPhase.Fail, T0.AddMinutes(35))))).ThenNothing();
    }

    [Fact]
    public void Given_a_hold_When_someone_presses_rollback_Then_the_release_rolls_back()
    {
        Given(Holding)
            .When(new RequestRollback(T0.AddMinutes(40), "bob", "p95 up"))
            .Then(new RollbackStarted(T0.AddMinutes(40), "red button pressed by bob: p95 up", "bob"))
            .ThenNext(Run(new SwapBack(App, Baseline)), T0.AddMinutes(40));
    }

    [Fact]
    public void Given_smoke_tested_When_the_swap_puts_another_build_into_production_Then_the_release_rolls_back()
    {
        // Someone deployed 1.2.0 to staging after the checks: the swap carried it, not the candidate, into production.
        var after = Slots("1.2.0", "cccccccccc", Baseline, BaseCommit);
        var spec = Given(Smoke())
            .When(Result(T0, new SwapCompleted(Swap(true, after), IsSwapBack: false)))
            .ThenTypes(typeof(SlotsSwapped), typeof(RollbackStarted))
            .ThenNext(Run(new SwapBack(App, Baseline)), T0);
        Assert.Contains("production runs 1.2.0, not the candidate 1.1.0", spec.The<RollbackStarted>().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_breaking_change_When_the_swap_puts_another_build_into_production_Then_humans_are_paged()
    {
        Given(Smoke(Request(db: DatabaseChange.Breaking)))
            .When(Result(T0, new SwapCompleted(Swap(true, Slots("1.2.0", "cccccccccc", Baseline, BaseCommit)), IsSwapBack: false)))
            .ThenTypes(typeof(SlotsSwapped), typeof(HumansPaged));
    }
}
