using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Releases;

public static partial class ReleaseDecider
{
    public static ReleaseState Evolve(ReleaseState s, ReleaseEvent e)
    {
        s = s with { Version = s.Version + 1 };
        return e switch
        {
            ReleaseRequested x => s with { Request = x.Request, Settings = x.Settings, RequestedAt = x.At },
            ReleaseAdmitted => s with { Admitted = true },
            WaitingForChangeWindow x => s with { FreezeUntil = x.Until, FreezeReason = x.Reason },
            ChangeWindowOpened => s with { FreezeUntil = null, FreezeReason = null },
            ChangeWindowBypassed => s with { FreezeBypassed = true },
            SlotsInspected x => s with
            {
                Slots = x.Slots,
                BaselineVersion = x.Slots.Production.Version,
                BaselineCommit = x.Slots.Production.Commit,
            },
            AuditPassed x => s with { Audit = AuditStatus.Passed, CandidateCommittedAt = x.CandidateCommittedAt },
            AuditFailed x => s with { Audit = AuditStatus.Failed, AuditFailedAt = x.At, AuditReason = x.Reason },
            AuditOverridden => s with { Audit = AuditStatus.Overridden },
            DataSafetyPassed => s with { DataSafetyChecked = true },
            SwapBackDisabled => s with { SwapBackDisabled = true },
            ApprovalRequested x => s with { ApprovalUntil = x.Until },
            ReleaseApproved x => s with { ApprovedBy = x.By, Overrides = s.Overrides.AddRange(x.Overrides.Except(s.Overrides)), HoldReason = null },
            ApprovalRefused => s,
            SmokeTestPassed => s with { SmokeTested = true },
            CanaryTrafficSet x when x.Percent > 0 => s with
            {
                CanaryStepIndex = s.CanaryStepIndex + 1,
                CanaryStepStartedAt = x.At,
                CanaryPercent = x.Percent,
                LooksInStage = 0,
                StageFailures = 0,
                ConsecutiveErrors = 0,
            },
            CanaryTrafficSet => s with { CanaryPercent = 0, CanaryDone = s.CanaryStepIndex >= 0 },
            VerdictRecorded x => s with
            {
                Verdicts = s.Verdicts.Add(x),
                LooksInStage = s.LooksInStage + 1,
                StageFailures = s.StageFailures + (x.Verdict.Phase == VerdictPhase.Fail ? 1 : 0),
                ConsecutiveErrors = x.Verdict.Phase == VerdictPhase.Error ? s.ConsecutiveErrors + 1 : 0,
            },
            SlotsSwapped x => s with
            {
                Swapped = true,
                SwappedAt = x.At,
                CanaryPercent = 0,
                LooksInStage = 0,
                StageFailures = 0,
                ConsecutiveErrors = 0,
            },
            RollbackStarted x => s with { Rollback = x, HoldReason = null, Backout = null, Outcome = null, OutcomeReason = null, EndedAt = null, SwappedBack = false },
            SlotsSwappedBack => s with { SwappedBack = true },
            HumansPaged x => s with { HoldReason = x.Reason },
            AlertReceived => s,
            StepFailed x => x.Step == new SwapSlots("", "").Name ? s with { SwapUncertain = true } : s,
            BackoutRequested x => s with { Backout = x },
            BackoutRefused => s with { Backout = null },
            ReleaseSucceeded x => End(s, ReleaseOutcome.Succeeded, x.Reason, x.At),
            ReleaseRolledBack x => End(s, ReleaseOutcome.RolledBack, x.Reason, x.At),
            ReleaseRollbackFailed x => End(s, ReleaseOutcome.RollbackFailed, x.Reason, x.At),
            ReleaseBlocked x => End(s, ReleaseOutcome.Blocked, x.Reason, x.At),
            ReleaseRejected x => End(s, ReleaseOutcome.Rejected, $"rejected by {x.By}: {x.Reason}", x.At),
            ReleaseAborted x => End(s, ReleaseOutcome.Aborted, x.Reason, x.At),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "unknown event"),
        };
    }

    private static ReleaseState End(ReleaseState s, ReleaseOutcome outcome, string reason, DateTimeOffset at) =>
        s with { Outcome = outcome, OutcomeReason = reason, EndedAt = at, HoldReason = null, FreezeUntil = null };
}
