using DevOpsFeedback.ChangeControl;
using static DevOpsFeedback.Releases.DeciderSpec;
using static DevOpsFeedback.Releases.Story;

namespace DevOpsFeedback.Releases;

/// <summary>Request, queue admission, change windows and slot inspection.</summary>
public sealed partial class ReleaseDeciderSpecs
{
    private static readonly ChangeCalendar MondayMorningFreeze =
        new("Etc/UTC", [new WeeklyFreeze("Mon 09:00", "Mon 12:00", "maintenance")], []);

    [Fact]
    public void Given_nothing_When_requested_Then_the_request_is_recorded_with_its_settings()
    {
        var request = Request(ChangeType.Normal);
        Given().When(new RequestRelease(T0, request, Settings())).Then(new ReleaseRequested(T0, request, Settings()));
    }

    [Fact]
    public void Given_nothing_When_requested_Then_it_is_queued_until_admitted()
    {
        var spec = Given().When(new RequestRelease(T0, Request(), Settings()));
        Assert.Equal("queued", spec.After.Status);
        Assert.IsType<WaitForSignal>(spec.Next(T0));
        Assert.Null(((WaitForSignal)spec.Next(T0)).Until);
    }

    [Fact]
    public void Given_requested_When_the_same_release_is_requested_again_Then_nothing_happens()
    {
        Given(Requested()).When(new RequestRelease(T0.AddMinutes(1), Request(), Settings())).ThenNothing();
    }

    [Fact]
    public void Given_requested_When_the_same_id_comes_with_another_candidate_Then_nothing_happens()
    {
        Given(Requested()).When(new RequestRelease(T0.AddMinutes(1), Request() with { CandidateVersion = "9.9.9" }, Settings())).ThenNothing();
    }

    [Fact]
    public void Given_a_finished_release_When_requested_again_Then_nothing_happens()
    {
        Given(Succeeded()).When(new RequestRelease(T0.AddHours(1), Request(), Settings())).ThenNothing();
    }

    public static TheoryData<ReleaseCommand> CommandsOtherThanRequest => new()
    {
        new AdmitRelease(T0),
        new Advance(T0),
        new RecordStepResult(T0, new SlotsRead(Slots())),
        new ApproveRelease(T0, Approver, null, []),
        new RejectRelease(T0, Approver, "no"),
        new RequestRollback(T0, Approver, "stop"),
        new RaiseAlert(T0, Alert()),
        new RequestBackout(T0, Approver, "undo"),
    };

    [Theory]
    [MemberData(nameof(CommandsOtherThanRequest))]
    public void Given_no_release_When_any_other_command_Then_nothing_happens(ReleaseCommand command)
    {
        Given().When(command).ThenNothing();
    }

    [Fact]
    public void Given_queued_When_admitted_Then_it_runs_and_reads_the_slots_first()
    {
        Given(Requested()).When(new AdmitRelease(T0.AddMinutes(2)))
            .Then(new ReleaseAdmitted(T0.AddMinutes(2)))
            .ThenNext(Run(new InspectSlots(App)), T0.AddMinutes(2));
    }

    [Fact]
    public void Given_admitted_When_admitted_again_Then_nothing_happens()
    {
        Given(Requested(), Admitted).When(new AdmitRelease(T0.AddMinutes(1))).ThenNothing();
    }

    [Fact]
    public void Given_queued_When_rejected_and_then_admitted_Then_the_admission_is_ignored()
    {
        Given(Requested(), [new ReleaseRejected(T0, Approver, "not now")]).When(new AdmitRelease(T0.AddMinutes(1))).ThenNothing();
    }

    [Fact]
    public void Given_queued_When_time_advances_Then_nothing_happens_before_admission()
    {
        Given(Requested(settings: Settings(MondayMorningFreeze))).When(new Advance(T0.AddHours(5))).ThenNothing();
    }

    [Theory]
    [InlineData(ChangeType.Standard)]
    [InlineData(ChangeType.Normal)]
    public void Given_admitted_inside_a_freeze_When_advanced_Then_a_non_emergency_release_waits_for_the_window(ChangeType type)
    {
        var until = T0.AddHours(2);
        Given(Requested(Request(type), Settings(MondayMorningFreeze)), Admitted)
            .When(new Advance(T0))
            .Then(new WaitingForChangeWindow(T0, until, "maintenance"))
            .ThenNext(new WaitForSignal(until, "change window closed (maintenance)"), T0);
    }

    [Fact]
    public void Given_waiting_for_the_window_When_advanced_before_it_opens_Then_it_keeps_waiting()
    {
        Given(Requested(settings: Settings(MondayMorningFreeze)), Admitted, [new WaitingForChangeWindow(T0, T0.AddHours(2), "maintenance")])
            .When(new Advance(T0.AddHours(2).AddTicks(-1)))
            .ThenNothing();
    }

    [Fact]
    public void Given_waiting_for_the_window_When_it_opens_Then_the_window_opens_and_the_slots_are_read()
    {
        var open = T0.AddHours(2);
        Given(Requested(settings: Settings(MondayMorningFreeze)), Admitted, [new WaitingForChangeWindow(T0, open, "maintenance")])
            .When(new Advance(open))
            .Then(new ChangeWindowOpened(open))
            .ThenNext(Run(new InspectSlots(App)), open);
    }

    [Fact]
    public void Given_an_emergency_inside_a_freeze_When_advanced_Then_it_bypasses_the_window_once_and_says_so()
    {
        var spec = Given(Requested(Request(ChangeType.Emergency), Settings(MondayMorningFreeze)), Admitted)
            .When(new Advance(T0))
            .ThenTypes(typeof(ChangeWindowBypassed))
            .ThenNext(Run(new InspectSlots(App)), T0);
        Assert.Contains("maintenance", spec.The<ChangeWindowBypassed>().Reason, StringComparison.Ordinal);

        Given([.. spec.History, .. spec.Decided]).When(new Advance(T0.AddMinutes(1))).ThenNothing();
    }

    [Fact]
    public void Given_an_emergency_that_bypassed_When_it_reaches_the_swap_in_the_freeze_Then_it_swaps_without_another_record()
    {
        ReleaseEvent[] history = [.. Smoke(Request(ChangeType.Emergency), Settings(MondayMorningFreeze)), new ChangeWindowBypassed(T0, "emergency")];
        Given(history).When(new Advance(T0.AddMinutes(30))).ThenNothing().ThenNext(Run(new SwapSlots(App, Candidate)), T0.AddMinutes(30));
    }

    [Fact]
    public void Given_checks_passed_When_a_freeze_began_before_the_swap_Then_the_swap_waits_for_the_window()
    {
        Given(Smoke(settings: Settings(MondayMorningFreeze)))
            .When(new Advance(T0))
            .Then(new WaitingForChangeWindow(T0, T0.AddHours(2), "maintenance"));
    }

    [Fact]
    public void Given_checks_passed_When_a_freeze_began_before_the_first_canary_step_Then_the_canary_waits_for_the_window()
    {
        Given(Smoke(Request(canary: new CanaryPlan([5, 50], 10)), Settings(MondayMorningFreeze)))
            .When(new Advance(T0))
            .Then(new WaitingForChangeWindow(T0, T0.AddHours(2), "maintenance"));
    }

    [Fact]
    public void Given_a_swapped_release_When_a_freeze_begins_during_the_bake_Then_the_bake_carries_on()
    {
        Given(Baking(settings: Settings(MondayMorningFreeze)))
            .When(new Advance(T0.AddMinutes(5)))
            .ThenNothing()
            .ThenNext(Run(new Analyze(App, Analysis.AnalysisMode.BlueGreen, Baseline, Candidate, T0, T0.AddMinutes(5), 1, 6, 100)), T0.AddMinutes(5));
    }

    [Fact]
    public void Given_admitted_When_the_slots_are_as_expected_Then_they_are_recorded_and_the_audit_is_next()
    {
        Given(Requested(), Admitted)
            .When(Result(T0, new SlotsRead(Slots())))
            .Then(new SlotsInspected(T0, Slots()))
            .ThenNext(Run(new CheckAncestry(App, BaseCommit, CandidateCommit)), T0);
    }

    public static TheoryData<string, string?, string?, string?, string?, ReleaseOutcome, string> InspectionRefusals => new()
    {
        { "staging runs another build", Baseline, BaseCommit, "1.0.9", CandidateCommit, ReleaseOutcome.Blocked, "not the candidate" },
        { "staging runs another commit", Baseline, BaseCommit, Candidate, "cccccccccc", ReleaseOutcome.Blocked, "not the candidate commit" },
        { "production already runs the candidate", Candidate, CandidateCommit, Candidate, CandidateCommit, ReleaseOutcome.Aborted, "nothing to release" },
        { "staging has no version setting", Baseline, BaseCommit, null, CandidateCommit, ReleaseOutcome.Blocked, "set the version and commit" },
        { "production has no version setting", null, BaseCommit, Candidate, CandidateCommit, ReleaseOutcome.Blocked, "set the version and commit" },
        { "production has no commit setting", Baseline, null, Candidate, CandidateCommit, ReleaseOutcome.Blocked, "set the version and commit" },
    };

    [Theory]
    [MemberData(nameof(InspectionRefusals))]
    public void Given_admitted_When_the_slots_are_not_sane_Then_the_release_ends_before_any_check(
        string why, string? productionVersion, string? productionCommit, string? stagingVersion, string? stagingCommit, ReleaseOutcome outcome, string reason)
    {
        _ = why;
        var slots = Slots(productionVersion, productionCommit, stagingVersion, stagingCommit);
        var spec = Given(Requested(), Admitted).When(Result(T0, new SlotsRead(slots)));
        Assert.IsType<SlotsInspected>(spec.Decided[0]);
        Assert.Equal(2, spec.Decided.Length);
        Assert.Equal(outcome, spec.After.Outcome);
        Assert.Contains(reason, spec.After.OutcomeReason, StringComparison.Ordinal);
        Assert.Equal(new Finish(outcome, spec.After.OutcomeReason!), spec.Next(T0));
    }

    [Fact]
    public void Given_inspected_When_the_slots_are_read_again_Then_the_late_answer_is_ignored()
    {
        Given(Requested(), Admitted, Inspected).When(Result(T0, new SlotsRead(Slots(stagingVersion: "0.0.1")))).ThenNothing();
    }

    [Fact]
    public void Given_admitted_When_reading_the_slots_fails_Then_the_release_is_aborted_with_the_cause()
    {
        Given(Requested(), Admitted)
            .When(Result(T0, new ActionFailed("inspect slots", "HttpRequestException: 503")))
            .Then(new StepFailed(T0, "inspect slots", "HttpRequestException: 503"), new ReleaseAborted(T0, "inspect slots failed: HttpRequestException: 503"));
    }
}
