using System.Collections.Immutable;
using DevOpsFeedback.Ports;
using static DevOpsFeedback.Releases.DeciderSpec;
using static DevOpsFeedback.Releases.Story;

namespace DevOpsFeedback.Releases;

/// <summary>Hotfix-regression audit, data safety and approval.</summary>
public sealed partial class ReleaseDeciderSpecs
{
    private static readonly ReleaseEvent[] Inspecting = [.. Requested(), .. Admitted, .. Inspected];

    [Theory]
    [InlineData("ahead")]
    [InlineData("identical")]
    public void Given_inspected_When_the_candidate_contains_production_Then_the_audit_passes(string status)
    {
        Given(Inspecting)
            .When(Result(T0, new AncestryChecked(new AncestryResult(true, status, []))))
            .Then(new AuditPassed(T0, BaseCommit, status))
            .ThenNext(new WaitForSignal(T0, "checking data safety"), T0);
    }

    [Fact]
    public void Given_inspected_When_the_source_tells_the_candidate_commit_time_Then_the_audit_carries_it_and_the_state_keeps_it()
    {
        var committedAt = T0.AddDays(-2).AddMinutes(17);

        var spec = Given(Inspecting)
            .When(Result(T0, new AncestryChecked(new AncestryResult(true, "ahead", [], CandidateCommittedAt: committedAt))))
            .Then(new AuditPassed(T0, BaseCommit, "ahead", committedAt));

        var state = ReleaseDecider.Fold([.. Inspecting, spec.The<AuditPassed>()]);
        Assert.Equal(committedAt, state.CandidateCommittedAt);
    }

    [Fact]
    public void Given_an_audit_passed_without_commit_time_When_folded_Then_the_commit_time_is_unknown()
    {
        Assert.Null(ReleaseDecider.Fold(Audit()).CandidateCommittedAt);
    }

    [Fact]
    public void Given_inspected_When_the_candidate_lacks_a_hotfix_Then_the_audit_fails_naming_the_missing_commits()
    {
        var spec = Given(Inspecting)
            .When(Result(T0, new AncestryChecked(new AncestryResult(false, "diverged", ["ffffffffffffffff"]))))
            .ThenTypes(typeof(AuditFailed));
        var failed = spec.The<AuditFailed>();
        Assert.Equal(["ffffffffffffffff"], failed.MissingCommits.ToArray());
        Assert.Contains("does not contain production's commit aaaaaaaaaa", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("ffffffffff", failed.Reason, StringComparison.Ordinal);
        Assert.Equal("awaiting-override", spec.After.Status);
        Assert.Equal(T0.AddHours(24), ((WaitForSignal)spec.Next(T0)).Until);
    }

    [Fact]
    public void Given_inspected_When_the_source_cannot_answer_Then_the_audit_fails_rather_than_passes()
    {
        var spec = Given(Inspecting)
            .When(Result(T0, new AncestryChecked(AncestryResult.Failed("GitHub answered 502"))))
            .ThenTypes(typeof(AuditFailed));
        Assert.Contains("could not verify", spec.The<AuditFailed>().Reason, StringComparison.Ordinal);
        Assert.Contains("GitHub answered 502", spec.The<AuditFailed>().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_audited_When_the_ancestry_answer_comes_again_Then_it_is_ignored()
    {
        Given(Inspecting, Audited).When(Result(T0, new AncestryChecked(new AncestryResult(false, "behind", ["x"])))).ThenNothing();
    }

    private static ReleaseEvent[] AuditFailedHistory => [.. Inspecting, new AuditFailed(T0, "missing hotfix", ["ffff"])];

    [Fact]
    public void Given_a_failed_audit_When_an_approver_overrides_Then_the_audit_is_overridden_and_the_release_goes_on()
    {
        var spec = Given(AuditFailedHistory)
            .When(new ApproveRelease(T0.AddMinutes(5), Approver, "hotfix is in 1.1.0 differently", ["hotfix-regression"]))
            .Then(
                new ReleaseApproved(T0.AddMinutes(5), Approver, "hotfix is in 1.1.0 differently", ["hotfix-regression"]),
                new AuditOverridden(T0.AddMinutes(5), Approver, "hotfix is in 1.1.0 differently"));
        Assert.Equal(AuditStatus.Overridden, spec.After.Audit);
    }

    [Fact]
    public void Given_a_failed_audit_When_approved_without_the_override_Then_the_audit_still_blocks()
    {
        var spec = Given(AuditFailedHistory)
            .When(new ApproveRelease(T0.AddMinutes(5), Approver, null, []))
            .ThenTypes(typeof(ReleaseApproved));
        Assert.Equal(AuditStatus.Failed, spec.After.Audit);
        Assert.Equal("awaiting-override", spec.After.Status);
    }

    [Fact]
    public void Given_a_failed_audit_When_the_requester_overrides_Then_the_override_is_refused()
    {
        Given(AuditFailedHistory)
            .When(new ApproveRelease(T0.AddMinutes(5), "PIPELINE", null, ["hotfix-regression"]))
            .Then(new ApprovalRefused(T0.AddMinutes(5), "PIPELINE", "the approver must not be the requester"));
    }

    [Fact]
    public void Given_a_failed_audit_When_nobody_overrides_in_time_Then_the_release_is_blocked_with_the_reason()
    {
        var spec = Given(AuditFailedHistory).When(new Advance(T0.AddHours(24))).ThenTypes(typeof(ReleaseBlocked));
        Assert.Contains("hotfix regression: missing hotfix", spec.The<ReleaseBlocked>().Reason, StringComparison.Ordinal);
        Assert.Contains("24 h", spec.The<ReleaseBlocked>().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_failed_audit_When_advanced_before_the_timeout_Then_it_keeps_waiting()
    {
        Given(AuditFailedHistory).When(new Advance(T0.AddHours(24).AddTicks(-1))).ThenNothing();
    }

    [Fact]
    public void Given_an_override_given_in_advance_When_the_audit_fails_Then_it_is_overridden_at_once()
    {
        ReleaseEvent[] history = [.. Requested(), .. Admitted, new ReleaseApproved(T0, Approver, null, ["hotfix-regression"]), .. Inspected];
        var spec = Given(history)
            .When(Result(T0, new AncestryChecked(new AncestryResult(false, "diverged", ["ffff"]))))
            .ThenTypes(typeof(AuditFailed), typeof(AuditOverridden));
        Assert.Equal(Approver, spec.The<AuditOverridden>().By);
    }

    [Fact]
    public void Given_the_audit_passed_When_advanced_with_safe_slots_Then_data_safety_passes_and_the_smoke_test_is_next()
    {
        Given(Audit())
            .When(new Advance(T0))
            .Then(new DataSafetyPassed(T0))
            .ThenNext(Run(new SmokeTest(App, "staging", SmokeTestSpec.Default)), T0);
    }

    [Fact]
    public void Given_an_overridden_audit_When_advanced_Then_data_safety_is_checked_too()
    {
        ReleaseEvent[] history = [.. AuditFailedHistory, new ReleaseApproved(T0, Approver, null, ["hotfix-regression"]), new AuditOverridden(T0, Approver, null)];
        Given(history).When(new Advance(T0)).Then(new DataSafetyPassed(T0));
    }

    public static TheoryData<string, SlotsSnapshot, string[], string> UnsafeSlots => new()
    {
        { "connection string not sticky", Slots() with { Sticky = StickyNames.None }, [], "connection string 'Db' is environment-bound but not slot-sticky" },
        {
            "staging wired to production's database",
            Slots() with { Staging = Slots().Staging with { ConnectionStrings = Slots().Production.ConnectionStrings } },
            [], "connection string 'Db' has the same value in staging and production"
        },
        {
            "policy setting not sticky",
            Slots() with
            {
                Production = Slot(ReleaseDecider.ProductionSlot, Baseline, BaseCommit, "Server=sql-prod", ("QUEUE", "prod-queue")),
                Staging = Slot("staging", Candidate, CandidateCommit, "Server=sql-staging", ("QUEUE", "staging-queue")),
            },
            ["QUEUE"], "app setting 'QUEUE' is environment-bound but not slot-sticky"
        },
    };

    [Theory]
    [MemberData(nameof(UnsafeSlots))]
    public void Given_unsafe_slots_When_data_safety_is_checked_Then_the_release_is_blocked_naming_the_setting(
        string why, SlotsSnapshot slots, string[] policy, string reason)
    {
        _ = why;
        ReleaseEvent[] history = [.. Requested(settings: Settings(environmentBound: policy)), .. Admitted, new SlotsInspected(T0, slots), .. Audited];
        var spec = Given(history).When(new Advance(T0)).ThenTypes(typeof(ReleaseBlocked));
        Assert.Contains(reason, spec.The<ReleaseBlocked>().Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Server=sql", spec.The<ReleaseBlocked>().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_app_setting_not_listed_in_policy_When_checked_Then_it_may_travel_with_the_swap()
    {
        var slots = Slots() with
        {
            Production = Slot(ReleaseDecider.ProductionSlot, Baseline, BaseCommit, "Server=sql-prod", ("FEATURE_X", "on")),
            Staging = Slot("staging", Candidate, CandidateCommit, "Server=sql-staging", ("FEATURE_X", "on")),
        };
        ReleaseEvent[] history = [.. Requested(), .. Admitted, new SlotsInspected(T0, slots), .. Audited];
        Given(history).When(new Advance(T0)).Then(new DataSafetyPassed(T0));
    }

    [Fact]
    public void Given_a_breaking_database_change_When_checked_Then_swap_back_is_disabled_and_approval_is_needed()
    {
        var spec = Given(Audit(Request(db: DatabaseChange.Breaking)))
            .When(new Advance(T0))
            .ThenTypes(typeof(DataSafetyPassed), typeof(SwapBackDisabled), typeof(ApprovalRequested));
        Assert.Equal("breaking database change", spec.The<ApprovalRequested>().Reason);
        Assert.True(spec.After.SwapBackDisabled);
        Assert.Equal("awaiting-approval", spec.After.Status);
    }

    [Theory]
    [InlineData(DatabaseChange.None)]
    [InlineData(DatabaseChange.Expand)]
    [InlineData(DatabaseChange.Contract)]
    public void Given_a_standard_change_with_a_revertible_or_declared_database_change_When_checked_Then_no_approval_is_needed(DatabaseChange db)
    {
        var spec = Given(Audit(Request(db: db))).When(new Advance(T0)).Then(new DataSafetyPassed(T0));
        Assert.False(spec.After.SwapBackDisabled);
    }

    [Theory]
    [InlineData(ChangeType.Normal, "normal change")]
    [InlineData(ChangeType.Emergency, "emergency change")]
    public void Given_a_change_that_needs_approval_When_checked_Then_approval_is_requested_with_a_deadline(ChangeType type, string reason)
    {
        Given(Audit(Request(type)))
            .When(new Advance(T0))
            .Then(new DataSafetyPassed(T0), new ApprovalRequested(T0, reason, T0.AddHours(24)))
            .ThenNext(new WaitForSignal(T0.AddHours(24), "awaiting approval by someone other than the requester"), T0);
    }

    private static ReleaseEvent[] AwaitingApproval =>
        [.. Audit(Request(ChangeType.Normal)), .. DataSafe, new ApprovalRequested(T0, "normal change", T0.AddHours(24))];

    [Fact]
    public void Given_awaiting_approval_When_another_person_approves_Then_the_smoke_test_is_next()
    {
        Given(AwaitingApproval)
            .When(new ApproveRelease(T0.AddMinutes(3), Approver, "ok", []))
            .Then(new ReleaseApproved(T0.AddMinutes(3), Approver, "ok", []))
            .ThenNext(Run(new SmokeTest(App, "staging", SmokeTestSpec.Default)), T0.AddMinutes(3));
    }

    [Theory]
    [InlineData("pipeline")]
    [InlineData("Pipeline")]
    public void Given_awaiting_approval_When_the_requester_approves_Then_the_approval_is_refused(string approver)
    {
        var spec = Given(AwaitingApproval)
            .When(new ApproveRelease(T0.AddMinutes(3), approver, null, []))
            .Then(new ApprovalRefused(T0.AddMinutes(3), approver, "the approver must not be the requester"));
        Assert.Null(spec.After.ApprovedBy);
    }

    [Fact]
    public void Given_approved_When_approved_again_Then_nothing_happens()
    {
        Given(AwaitingApproval, [new ReleaseApproved(T0, Approver, null, [])])
            .When(new ApproveRelease(T0.AddMinutes(3), "bob", null, []))
            .ThenNothing();
    }

    [Fact]
    public void Given_awaiting_approval_When_another_person_rejects_Then_the_release_is_rejected()
    {
        var spec = Given(AwaitingApproval)
            .When(new RejectRelease(T0.AddMinutes(3), Approver, "not during the sale"))
            .Then(new ReleaseRejected(T0.AddMinutes(3), Approver, "not during the sale"));
        Assert.Equal(new Finish(ReleaseOutcome.Rejected, "rejected by alice: not during the sale"), spec.Next(T0.AddMinutes(3)));
    }

    [Fact]
    public void Given_awaiting_approval_When_the_requester_rejects_Then_it_is_refused()
    {
        Given(AwaitingApproval)
            .When(new RejectRelease(T0.AddMinutes(3), Requester, "changed my mind"))
            .Then(new ApprovalRefused(T0.AddMinutes(3), Requester, "the approver must not be the requester"));
    }

    [Fact]
    public void Given_a_swapped_release_When_rejected_Then_nothing_happens_because_production_changed()
    {
        Given(Baking(Request(ChangeType.Normal))).When(new RejectRelease(T0.AddMinutes(1), Approver, "too late")).ThenNothing();
    }

    [Fact]
    public void Given_awaiting_approval_When_nobody_approves_in_time_Then_the_release_is_aborted()
    {
        Given(AwaitingApproval)
            .When(new Advance(T0.AddHours(24)))
            .Then(new ReleaseAborted(T0.AddHours(24), "no approval within 24 h"));
    }

    [Fact]
    public void Given_awaiting_approval_When_advanced_before_the_deadline_Then_it_keeps_waiting()
    {
        Given(AwaitingApproval).When(new Advance(T0.AddHours(23))).ThenNothing();
    }

    [Fact]
    public void Given_an_approval_ahead_of_time_When_checked_Then_no_approval_is_requested()
    {
        Given(Audit(Request(ChangeType.Normal)), [new ReleaseApproved(T0, Approver, null, ImmutableArray<string>.Empty)])
            .When(new Advance(T0))
            .Then(new DataSafetyPassed(T0));
    }
}
