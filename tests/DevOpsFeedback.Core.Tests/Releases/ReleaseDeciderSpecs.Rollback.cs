using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;
using static DevOpsFeedback.Releases.DeciderSpec;
using static DevOpsFeedback.Releases.Story;

namespace DevOpsFeedback.Releases;

/// <summary>Alerts, the red button during and after a release, rollback and its failure.</summary>
public sealed partial class ReleaseDeciderSpecs
{
    private static readonly DateTimeOffset T1 = T0.AddMinutes(12);

    [Fact]
    public void Given_baking_When_an_alert_fires_Then_the_release_rolls_back()
    {
        Given(Baking(), Looks(VerdictPhase.Pass, 2))
            .When(new RaiseAlert(T1, Alert()))
            .Then(new AlertReceived(T1, Alert()), new RollbackStarted(T1, "alert 'http-5xx' fired: 5xx above 2%", "azure-monitor"))
            .ThenNext(Run(new SwapBack(App, Baseline)), T1);
    }

    [Fact]
    public void Given_a_canary_running_When_an_alert_fires_Then_canary_traffic_is_reset()
    {
        Given(CanaryAt5)
            .When(new RaiseAlert(T1, Alert()))
            .ThenTypes(typeof(AlertReceived), typeof(RollbackStarted))
            .ThenNext(Run(new SetCanaryTraffic(App, 0)), T1);
    }

    [Theory]
    [InlineData(MonitorCondition.Resolved)]
    [InlineData(MonitorCondition.None)]
    public void Given_baking_When_an_alert_resolves_or_has_no_condition_Then_it_is_recorded_and_not_acted_on(MonitorCondition condition)
    {
        Given(Baking())
            .When(new RaiseAlert(T1, Alert(condition)))
            .Then(new AlertReceived(T1, Alert(condition)));
    }

    [Fact]
    public void Given_production_not_changed_yet_When_an_alert_fires_Then_it_is_recorded_and_the_release_goes_on()
    {
        var spec = Given(Smoke()).When(new RaiseAlert(T1, Alert())).Then(new AlertReceived(T1, Alert()));
        Assert.Null(spec.After.Outcome);
        Assert.Null(spec.After.Rollback);
    }

    [Fact]
    public void Given_a_finished_release_When_an_alert_fires_Then_nothing_happens()
    {
        Given(Succeeded()).When(new RaiseAlert(T0.AddHours(1), Alert())).ThenNothing();
    }

    [Fact]
    public void Given_rolling_back_When_another_alert_fires_Then_it_is_recorded_and_no_second_rollback_starts()
    {
        Given(Baking(), [new RollbackStarted(T0.AddMinutes(3), "red button", "bob")])
            .When(new RaiseAlert(T1, Alert()))
            .Then(new AlertReceived(T1, Alert()));
    }

    [Fact]
    public void Given_baking_When_the_red_button_is_pressed_Then_the_release_rolls_back_naming_who_pressed_it()
    {
        Given(Baking())
            .When(new RequestRollback(T1, "bob", "checkout broken"))
            .Then(new RollbackStarted(T1, "red button pressed by bob: checkout broken", "bob"));
    }

    [Fact]
    public void Given_rolling_back_When_the_red_button_is_pressed_again_Then_nothing_happens()
    {
        Given(Baking(), [new RollbackStarted(T0.AddMinutes(3), "red button", "bob")]).When(new RequestRollback(T1, "carol", "again")).ThenNothing();
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("checking")]
    [InlineData("smoke tested")]
    public void Given_production_not_changed_yet_When_the_red_button_is_pressed_Then_the_release_is_aborted(string stage)
    {
        ReleaseEvent[] history = stage switch
        {
            "queued" => Requested(),
            "checking" => Audit(),
            _ => Smoke(),
        };
        var spec = Given(history).When(new RequestRollback(T1, "bob", "hold on")).ThenTypes(typeof(ReleaseAborted));
        Assert.Equal("stopped before production changed: red button pressed by bob: hold on", spec.The<ReleaseAborted>().Reason);
    }

    [Fact]
    public void Given_a_finished_release_When_the_red_button_during_a_release_is_pressed_Then_nothing_happens()
    {
        Given(Succeeded()).When(new RequestRollback(T0.AddHours(1), "bob", "too late")).ThenNothing();
    }

    private static ReleaseRequest Breaking => Request(db: DatabaseChange.Breaking);

    public static TheoryData<string> BreakingTriggers => ["alert", "red button", "failed analysis"];

    [Theory]
    [MemberData(nameof(BreakingTriggers))]
    public void Given_a_breaking_database_change_swapped_When_rollback_is_asked_Then_humans_are_paged_and_nothing_is_swapped(string trigger)
    {
        var at = T0.AddMinutes(5);
        ReleaseCommand command = trigger switch
        {
            "alert" => new RaiseAlert(at, Alert()),
            "red button" => new RequestRollback(at, "bob", "errors"),
            _ => Result(at, new Analyzed(Verdict(VerdictPhase.Fail, at))),
        };
        var spec = Given(Baking(Breaking)).When(command);
        var paged = spec.The<HumansPaged>();
        Assert.Contains("automatic swap-back is disabled", paged.Reason, StringComparison.Ordinal);
        Assert.Empty(spec.Decided.OfType<RollbackStarted>());
        Assert.Equal(new WaitForSignal(null, paged.Reason), spec.Next(at));

        Given([.. spec.History, .. spec.Decided]).When(new RequestRollback(at.AddMinutes(1), "carol", "again")).ThenNothing();
    }

    [Fact]
    public void Given_a_breaking_change_whose_swap_failed_When_decided_Then_humans_are_paged_instead_of_swapping_back()
    {
        Given(Smoke(Breaking))
            .When(Result(T0, new ActionFailed("swap staging into production", "ARM timeout")))
            .ThenTypes(typeof(StepFailed), typeof(HumansPaged));
    }

    private static ReleaseEvent[] RollingBack => [.. Baking(), new RollbackStarted(T1, "alert", "azure-monitor")];

    [Fact]
    public void Given_rolling_back_When_the_swap_back_completes_and_production_is_healthy_Then_the_release_is_rolled_back()
    {
        var back = Given(RollingBack)
            .When(Result(T1, new SwapCompleted(Swap(true, Slots()), IsSwapBack: true)))
            .Then(new SlotsSwappedBack(T1, true, "swapped", Baseline))
            .ThenNext(Run(new SmokeTest(App, ReleaseDecider.ProductionSlot, SmokeTestSpec.Default)), T1);
        var done = Given([.. back.History, .. back.Decided])
            .When(Result(T1, new SmokeTested(ReleaseDecider.ProductionSlot, new SmokeTestResult(true, 3, "200"))))
            .Then(new ReleaseRolledBack(T1, "alert; production runs 1.0.0 again and is healthy"));
        Assert.Equal(new Finish(ReleaseOutcome.RolledBack, "alert; production runs 1.0.0 again and is healthy"), done.Next(T1));
    }

    [Fact]
    public void Given_swapped_back_When_production_is_unhealthy_Then_the_rollback_failed()
    {
        ReleaseEvent[] history = [.. RollingBack, new SlotsSwappedBack(T1, true, "swapped", Baseline)];
        Given(history)
            .When(Result(T1, new SmokeTested(ReleaseDecider.ProductionSlot, new SmokeTestResult(false, 3, "503"))))
            .Then(new ReleaseRollbackFailed(T1, "alert; after swapping back, production is unhealthy: 503"));
    }

    [Fact]
    public void Given_rolling_back_When_the_swap_back_fails_Then_the_rollback_failed_with_the_cause()
    {
        Given(RollingBack)
            .When(Result(T1, new ActionFailed("swap back", "ARM 500")))
            .Then(new StepFailed(T1, "swap back", "ARM 500"), new ReleaseRollbackFailed(T1, "alert; swap back failed: ARM 500"));
    }

    [Fact]
    public void Given_rolling_back_a_canary_When_resetting_traffic_fails_Then_the_rollback_failed()
    {
        Given(CanaryAt5, [new RollbackStarted(T1, "alert", "azure-monitor")])
            .When(Result(T1, new ActionFailed("route 0% to staging", "ARM 500")))
            .ThenTypes(typeof(StepFailed), typeof(ReleaseRollbackFailed));
    }

    [Fact]
    public void Given_swapped_back_When_the_swap_back_answer_comes_again_Then_it_is_ignored()
    {
        Given(RollingBack, [new SlotsSwappedBack(T1, true, "swapped", Baseline)])
            .When(Result(T1, new SwapCompleted(Swap(false, Slots()), IsSwapBack: true)))
            .ThenNothing();
    }

    private static readonly DateTimeOffset Later = T0.AddHours(3);

    [Fact]
    public void Given_a_succeeded_release_When_the_red_button_is_pressed_Then_the_slots_are_read_first()
    {
        var spec = Given(Succeeded())
            .When(new RequestBackout(Later, "bob", "customers complain"))
            .Then(new BackoutRequested(Later, "bob", "customers complain"))
            .ThenNext(Run(new InspectSlots(App)), Later);
        Assert.Equal("backing-out", spec.After.Status);
    }

    [Fact]
    public void Given_a_backout_When_staging_still_holds_the_previous_version_Then_it_swaps_back_and_verifies()
    {
        var spec = Given(Succeeded(), [new BackoutRequested(Later, "bob", "customers complain")])
            .When(Result(Later, new SlotsRead(SwappedSlots)))
            .Then(new RollbackStarted(Later, "backout by bob: customers complain", "bob"))
            .ThenNext(Run(new SwapBack(App, Baseline)), Later);
        Assert.Null(spec.After.Outcome);
        Assert.Equal("rolling-back", spec.After.Status);
    }

    public static TheoryData<string, DatabaseChange, SlotsSnapshot, string> BackoutRefusals => new()
    {
        { "staging overwritten by a new build", DatabaseChange.None, Slots(Candidate, CandidateCommit, "1.2.0", "cccc"), "it was overwritten" },
        { "a later release went out", DatabaseChange.None, Slots("1.2.0", "cccc", Candidate, CandidateCommit), "a later change went out since" },
        { "contract database change", DatabaseChange.Contract, SwappedSlots, "contract database change that a swap cannot undo" },
        { "breaking database change", DatabaseChange.Breaking, SwappedSlots, "breaking database change that a swap cannot undo" },
    };

    [Theory]
    [MemberData(nameof(BackoutRefusals))]
    public void Given_a_backout_When_swapping_back_is_not_safe_Then_it_is_refused_and_the_release_stays_succeeded(
        string why, DatabaseChange db, SlotsSnapshot slots, string reason)
    {
        _ = why;
        var spec = Given(Succeeded(Request(db: db)), [new BackoutRequested(Later, "bob", "undo")])
            .When(Result(Later, new SlotsRead(slots)))
            .ThenTypes(typeof(BackoutRefused));
        Assert.Contains(reason, spec.The<BackoutRefused>().Reason, StringComparison.Ordinal);
        Assert.Equal(ReleaseOutcome.Succeeded, spec.After.Outcome);
        Assert.True(spec.After.IsTerminal);
        Assert.IsType<Finish>(spec.Next(Later));
    }

    [Fact]
    public void Given_a_backout_When_the_slots_cannot_be_read_Then_it_is_refused_with_the_cause()
    {
        Given(Succeeded(), [new BackoutRequested(Later, "bob", "undo")])
            .When(Result(Later, new ActionFailed("inspect slots", "ARM 503")))
            .Then(new StepFailed(Later, "inspect slots", "ARM 503"), new BackoutRefused(Later, "could not read the slots: ARM 503"));
    }

    [Fact]
    public void Given_a_backout_in_progress_When_it_is_requested_again_Then_nothing_happens()
    {
        Given(Succeeded(), [new BackoutRequested(Later, "bob", "undo")]).When(new RequestBackout(Later, "carol", "undo!")).ThenNothing();
    }

    public static TheoryData<string> NotSucceeded => ["rolled back", "blocked", "running"];

    [Theory]
    [MemberData(nameof(NotSucceeded))]
    public void Given_a_release_that_did_not_succeed_When_a_backout_is_requested_Then_nothing_happens(string stage)
    {
        ReleaseEvent[] history = stage switch
        {
            "rolled back" => [.. RollingBack, new SlotsSwappedBack(T1, true, "swapped", Baseline), new ReleaseRolledBack(T1, "alert")],
            "blocked" => [.. Requested(), .. Admitted, new ReleaseBlocked(T0, "staging")],
            _ => Baking(),
        };
        Given(history).When(new RequestBackout(Later, "bob", "undo")).ThenNothing();
    }

    [Fact]
    public void Given_a_backed_out_release_When_swapped_back_and_healthy_Then_it_ends_rolled_back()
    {
        ReleaseEvent[] history =
        [
            .. Succeeded(), new BackoutRequested(Later, "bob", "undo"), new RollbackStarted(Later, "backout by bob: undo", "bob"),
            new SlotsSwappedBack(Later, true, "swapped", Baseline),
        ];
        var spec = Given(history)
            .When(Result(Later, new SmokeTested(ReleaseDecider.ProductionSlot, new SmokeTestResult(true, 3, "200"))))
            .ThenTypes(typeof(ReleaseRolledBack));
        Assert.Equal(ReleaseOutcome.RolledBack, spec.After.Outcome);
    }
}
