using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.ChangeControl;

namespace DevOpsFeedback.Releases;

/// <summary>
/// The release as a pure, deterministic state machine: <see cref="Decide"/> turns a command into events,
/// <see cref="Evolve"/> folds an event into the state, <see cref="NextStep"/> tells the driver what to do.
/// Business refusals are events or no events, never exceptions.
/// </summary>
public static partial class ReleaseDecider
{
    public const string ProductionSlot = "production";

    public static ReleaseState Fold(IEnumerable<ReleaseEvent> events) => events.Aggregate(ReleaseState.Initial, Evolve);

    public static ImmutableArray<ReleaseEvent> Decide(ReleaseCommand command, ReleaseState state)
    {
        if (command is RequestRelease request)
        {
            return state.Exists ? [] : [new ReleaseRequested(request.At, request.Request, request.Settings)];
        }

        if (!state.Exists) return [];

        var events = command switch
        {
            AdmitRelease c => state.Admitted || state.IsTerminal ? [] : [new ReleaseAdmitted(c.At)],
            Advance c => DecideAdvance(c.At, state),
            RecordStepResult c => DecideResult(c.At, c.Result, state),
            ApproveRelease c => DecideApprove(c, state),
            RejectRelease c => DecideReject(c, state),
            RequestRollback c => DecideRollback(c.At, $"red button pressed by {c.RequestedBy}: {c.Reason}", c.RequestedBy, state),
            RaiseAlert c => DecideAlert(c, state),
            RequestBackout c => state.Outcome == ReleaseOutcome.Succeeded && state.Backout is null
                ? [new BackoutRequested(c.At, c.RequestedBy, c.Reason)]
                : [],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown command"),
        };

        return [.. events];
    }

    /// <summary>What the driver must do now. <paramref name="now"/> is the runtime's clock.</summary>
    public static ReleaseStep NextStep(ReleaseState state, DateTimeOffset now)
    {
        if (state.Request is not { } r) return new Finish(ReleaseOutcome.Aborted, "no such release");
        if (state.Backout is not null) return new RunAction(new InspectSlots(r.App));
        if (state.Outcome is { } outcome) return new Finish(outcome, state.OutcomeReason ?? "");

        if (state.Rollback is not null)
        {
            if ((state.Swapped || state.SwapUncertain) && !state.SwappedBack)
            {
                return new RunAction(new SwapBack(r.App, state.BaselineVersion ?? ""));
            }

            if (state.SwappedBack) return new RunAction(new SmokeTest(r.App, ProductionSlot, state.Settings.SmokeTest));
            return new RunAction(new SetCanaryTraffic(r.App, 0));
        }

        if (state.HoldReason is { } hold) return new WaitForSignal(null, hold);
        if (!state.Admitted) return new WaitForSignal(null, $"queued: another release of {r.App} runs first");
        if (state.FreezeUntil is { } freezeEnd) return new WaitForSignal(freezeEnd, $"change window closed ({state.FreezeReason})");
        if (state.Slots is null) return new RunAction(new InspectSlots(r.App));
        if (state.Audit == AuditStatus.NotRun) return new RunAction(new CheckAncestry(r.App, state.BaselineCommit ?? "", r.CandidateCommit));
        if (state.Audit == AuditStatus.Failed)
        {
            return new WaitForSignal(state.AuditFailedAt!.Value + state.Settings.ApprovalTimeout, $"blocked by the audit until an approver overrides: {state.AuditReason}");
        }

        if (!state.DataSafetyChecked) return new WaitForSignal(now, "checking data safety");
        if (r.NeedsApproval && state.ApprovedBy is null)
        {
            return new WaitForSignal(state.ApprovalUntil ?? now, "awaiting approval by someone other than the requester");
        }

        if (!state.SmokeTested) return new RunAction(new SmokeTest(r.App, state.Settings.StagingSlot, state.Settings.SmokeTest));

        var bake = state.Settings.Bake;
        if (r.Canary is { } canary && !state.CanaryDone)
        {
            if (state.CanaryStepIndex < 0) return new RunAction(new SetCanaryTraffic(r.App, canary.Steps[0]));
            var (interval, looks) = CanaryLooks(canary, bake);
            if (state.LooksInStage >= looks)
            {
                var next = state.CanaryStepIndex + 1;
                return new RunAction(new SetCanaryTraffic(r.App, next < canary.Steps.Length ? canary.Steps[next] : 0));
            }

            var lookAt = state.CanaryStepStartedAt!.Value + (interval * (state.LooksInStage + 1));
            if (now < lookAt + bake.TelemetryDelay) return new WaitForSignal(lookAt + bake.TelemetryDelay, $"canary at {Fmt(state.CanaryPercent)}%: next analysis");
            return new RunAction(new Analyze(r.App, AnalysisMode.Canary, state.BaselineVersion ?? "", r.CandidateVersion,
                state.CanaryStepStartedAt.Value, lookAt, state.LooksInStage + 1, looks, state.CanaryPercent));
        }

        if (!state.Swapped) return new RunAction(new SwapSlots(r.App, r.CandidateVersion));

        var bakeLook = state.SwappedAt!.Value + (bake.Interval * (state.LooksInStage + 1));
        if (now < bakeLook + bake.TelemetryDelay) return new WaitForSignal(bakeLook + bake.TelemetryDelay, "baking: next analysis");
        return new RunAction(new Analyze(r.App, AnalysisMode.BlueGreen, state.BaselineVersion ?? "", r.CandidateVersion,
            state.SwappedAt.Value, bakeLook, state.LooksInStage + 1, bake.PlannedLooks, 100));
    }

    private static (TimeSpan Interval, int Looks) CanaryLooks(CanaryPlan canary, BakePolicy bake)
    {
        var step = TimeSpan.FromMinutes(canary.StepMinutes);
        var interval = step < bake.Interval ? step : bake.Interval;
        return (interval, Math.Max(1, (int)(step / interval)));
    }

    private static IEnumerable<ReleaseEvent> DecideAdvance(DateTimeOffset now, ReleaseState s)
    {
        if (s.IsTerminal || s.Backout is not null || s.Rollback is not null || s.IsHolding || !s.Admitted) yield break;
        var r = s.Request!;

        if (s.FreezeUntil is { } until)
        {
            if (now < until) yield break;
            yield return new ChangeWindowOpened(now);
            s = Evolve(s, new ChangeWindowOpened(now));
        }

        if (NextStep(s, now) is RunAction { Action: var action } && IsGated(action, s))
        {
            if (s.Settings.Calendar.FreezeAt(now) is { } freeze)
            {
                if (r.ChangeType == ChangeType.Emergency)
                {
                    if (!s.FreezeBypassed) yield return new ChangeWindowBypassed(now, $"emergency change inside a freeze: {freeze.Reason}");
                }
                else
                {
                    yield return new WaitingForChangeWindow(now, freeze.EndsAt, freeze.Reason);
                }
            }

            yield break;
        }

        if (s.Audit == AuditStatus.Failed && now >= s.AuditFailedAt!.Value + s.Settings.ApprovalTimeout)
        {
            yield return new ReleaseBlocked(now, $"hotfix regression: {s.AuditReason} (no approver overrode it within {Fmt(s.Settings.ApprovalTimeout)})");
            yield break;
        }

        if (s.Slots is { } slots && s.Audit is AuditStatus.Passed or AuditStatus.Overridden && !s.DataSafetyChecked)
        {
            var problems = DataSafety.Check(slots, s.Settings.EnvironmentBoundSettings);
            if (problems.Length > 0)
            {
                yield return new ReleaseBlocked(now, "data safety: " + string.Join("; ", problems));
                yield break;
            }

            yield return new DataSafetyPassed(now);
            if (!r.AllowsAutomaticSwapBack)
            {
                yield return new SwapBackDisabled(now, "breaking database change: swapping back cannot undo it, so a failing bake pages people instead");
            }

            s = s with { DataSafetyChecked = true };
        }

        if (s.DataSafetyChecked && r.NeedsApproval && s.ApprovedBy is null)
        {
            if (s.ApprovalUntil is null)
            {
                var why = r.DatabaseChange == DatabaseChange.Breaking ? "breaking database change" : $"{r.ChangeType.ToString().ToLowerInvariant()} change";
                yield return new ApprovalRequested(now, why, now + s.Settings.ApprovalTimeout);
            }
            else if (now >= s.ApprovalUntil)
            {
                yield return new ReleaseAborted(now, $"no approval within {Fmt(s.Settings.ApprovalTimeout)}");
            }
        }
    }

    /// <summary>Actions that change what production serves wait for an open change window.</summary>
    private static bool IsGated(StepAction action, ReleaseState s) => action switch
    {
        InspectSlots => s.Slots is null && s.Backout is null,
        SetCanaryTraffic t => t.Percent > 0,
        SwapSlots => true,
        _ => false,
    };

    private static IEnumerable<ReleaseEvent> DecideApprove(ApproveRelease c, ReleaseState s)
    {
        var r = s.Request!;
        if (s.IsTerminal || s.Rollback is not null) yield break;
        if (string.Equals(c.Approver, r.RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ApprovalRefused(c.At, c.Approver, "the approver must not be the requester");
            yield break;
        }

        if (s.IsHolding && s.Swapped)
        {
            yield return new ReleaseApproved(c.At, c.Approver, c.Comment, c.Overrides);
            yield return new ReleaseSucceeded(c.At, $"kept by {c.Approver} after a hold ({s.HoldReason})");
            yield break;
        }

        if (s.IsHolding)
        {
            // A canary hold: the approver lets the canary go on (the approval clears the hold).
            yield return new ReleaseApproved(c.At, c.Approver, c.Comment, c.Overrides);
            yield break;
        }

        if (s.Swapped) yield break;
        var newOverrides = c.Overrides.Except(s.Overrides).ToImmutableArray();
        if (s.ApprovedBy is not null && newOverrides.IsEmpty) yield break;
        yield return new ReleaseApproved(c.At, c.Approver, c.Comment, c.Overrides);
        if (s.Audit == AuditStatus.Failed && c.Overrides.Contains("hotfix-regression"))
        {
            yield return new AuditOverridden(c.At, c.Approver, c.Comment);
        }
    }

    private static IEnumerable<ReleaseEvent> DecideReject(RejectRelease c, ReleaseState s)
    {
        if (s.IsTerminal || s.Rollback is not null || s.ChangedProduction) yield break;
        if (string.Equals(c.Approver, s.Request!.RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ApprovalRefused(c.At, c.Approver, "the approver must not be the requester");
            yield break;
        }

        yield return new ReleaseRejected(c.At, c.Approver, c.Reason);
    }

    private static IEnumerable<ReleaseEvent> DecideAlert(RaiseAlert c, ReleaseState s)
    {
        if (s.IsTerminal) yield break;
        yield return new AlertReceived(c.At, c.Alert);
        if (c.Alert.Condition != Ports.MonitorCondition.Fired || !s.ChangedProduction) yield break;
        foreach (var e in DecideRollback(c.At, $"alert '{c.Alert.Rule}' fired: {c.Alert.Description}", "azure-monitor", s)) yield return e;
    }

    private static IEnumerable<ReleaseEvent> DecideRollback(DateTimeOffset at, string reason, string by, ReleaseState s)
    {
        if (s.IsTerminal || s.Rollback is not null || s.Backout is not null) yield break;
        if (!s.ChangedProduction)
        {
            yield return new ReleaseAborted(at, $"stopped before production changed: {reason}");
            yield break;
        }

        if ((s.Swapped || s.SwapUncertain) && s.SwapBackDisabled)
        {
            if (s.HoldReason is null)
            {
                yield return new HumansPaged(at, $"{reason}; automatic swap-back is disabled (breaking database change): nothing was swapped");
            }

            yield break;
        }

        yield return new RollbackStarted(at, reason, by);
    }

    private static IEnumerable<ReleaseEvent> DecideResult(DateTimeOffset at, StepResult result, ReleaseState s)
    {
        if (s.IsTerminal) yield break; // a late or repeated answer after the end: the log is closed
        var r = s.Request!;
        switch (result)
        {
            case SlotsRead read when s.Backout is { } backout:
                var check = RedButton.Evaluate(s, read.Slots);
                if (check.Available)
                {
                    yield return new RollbackStarted(at, $"backout by {backout.By}: {backout.Reason}", backout.By);
                }
                else
                {
                    yield return new BackoutRefused(at, check.Reason);
                }

                yield break;

            case SlotsRead read when s.Slots is null && !s.IsTerminal:
                yield return new SlotsInspected(at, read.Slots);
                var production = read.Slots.Production;
                var staging = read.Slots.Staging;
                if (staging.Version is null || production.Version is null || production.Commit is null)
                {
                    yield return new ReleaseBlocked(at, "the slots do not report their version and commit: set the version and commit app settings (not slot-sticky) on both slots");
                }
                else if (production.Version == r.CandidateVersion)
                {
                    yield return new ReleaseAborted(at, $"production already runs {r.CandidateVersion}: nothing to release");
                }
                else if (staging.Version != r.CandidateVersion)
                {
                    yield return new ReleaseBlocked(at, $"staging runs {staging.Version}, not the candidate {r.CandidateVersion}: deploy the candidate to staging first");
                }
                else if (staging.Commit is not null && !string.Equals(staging.Commit, r.CandidateCommit, StringComparison.OrdinalIgnoreCase))
                {
                    yield return new ReleaseBlocked(at, $"staging runs commit {staging.Commit}, not the candidate commit {r.CandidateCommit}");
                }

                yield break;

            case AncestryChecked checkResult when s.Audit == AuditStatus.NotRun:
                var a = checkResult.Result;
                if (a.Contained == true)
                {
                    yield return new AuditPassed(at, s.BaselineCommit ?? "", a.Status, a.CandidateCommittedAt);
                    yield break;
                }

                var why = a.Contained is null
                    ? $"could not verify that the candidate contains production's commit {Short(s.BaselineCommit)}: {a.Error}"
                    : $"the candidate does not contain production's commit {Short(s.BaselineCommit)} ({a.Status}; {a.MissingCommits.Length} commit(s) missing: {string.Join(", ", a.MissingCommits.Take(5).Select(Short))})";
                yield return new AuditFailed(at, why, a.MissingCommits);
                if (s.Overrides.Contains("hotfix-regression"))
                {
                    yield return new AuditOverridden(at, s.ApprovedBy ?? "", "override given with the approval");
                }

                yield break;

            case SmokeTested smoke when smoke.Slot == ProductionSlot && s.Rollback is not null:
                if (smoke.Result.Healthy) yield return new ReleaseRolledBack(at, $"{s.Rollback.Reason}; production runs {s.BaselineVersion} again and is healthy");
                else yield return new ReleaseRollbackFailed(at, $"{s.Rollback.Reason}; after swapping back, production is unhealthy: {smoke.Result.Detail}");
                yield break;

            case SmokeTested smoke when !s.SmokeTested && !s.IsTerminal:
                if (smoke.Result.Healthy) yield return new SmokeTestPassed(at, smoke.Slot, smoke.Result.Detail);
                else yield return new ReleaseAborted(at, $"smoke test of {smoke.Slot} failed: {smoke.Result.Detail}");
                yield break;

            case CanaryTrafficApplied applied:
                yield return new CanaryTrafficSet(at, applied.Percent);
                if (s.Rollback is not null && applied.Percent == 0)
                {
                    yield return new ReleaseRolledBack(at, $"{s.Rollback.Reason}; canary traffic reset to 0%, production was never swapped");
                }

                yield break;

            case Analyzed analyzed when s.Rollback is null && !s.IsTerminal && !s.IsHolding:
                foreach (var e in DecideVerdict(at, analyzed.Verdict, s)) yield return e;
                yield break;

            case SwapCompleted swap when !swap.IsSwapBack && !s.Swapped:
                var swapped = new SlotsSwapped(at, swap.Result.Swapped, swap.Result.Message, swap.Result.After.Production.Version ?? "", swap.Result.After.Staging.Version ?? "");
                yield return swapped;
                if (swapped.ProductionVersion != r.CandidateVersion)
                {
                    // Staging changed after the checks: what now serves production was never checked or smoke-tested.
                    var reason = $"after the swap production runs {swapped.ProductionVersion}, not the candidate {r.CandidateVersion}: staging was changed during the release";
                    foreach (var e in DecideRollback(at, reason, "release-loop", Evolve(s, swapped))) yield return e;
                }

                yield break;

            case SwapCompleted swap when swap.IsSwapBack && s.Rollback is not null && !s.SwappedBack:
                yield return new SlotsSwappedBack(at, swap.Result.Swapped, swap.Result.Message, swap.Result.After.Production.Version ?? "");
                yield break;

            case ActionFailed failed:
                yield return new StepFailed(at, failed.Action, failed.Error);
                foreach (var e in DecideFailure(at, failed, s)) yield return e;
                yield break;

            default:
                yield break; // a late or repeated answer (e.g. after a restart): already decided
        }
    }

    private static IEnumerable<ReleaseEvent> DecideVerdict(DateTimeOffset at, Verdict verdict, ReleaseState s)
    {
        var r = s.Request!;
        var canary = !s.Swapped;
        var stage = canary ? $"canary {Fmt(s.CanaryPercent)}%" : "bake";
        var recorded = new VerdictRecorded(at, stage, s.LooksInStage + 1, verdict);
        yield return recorded;
        var after = Evolve(s, recorded);
        var bake = s.Settings.Bake;

        if (verdict.Phase == VerdictPhase.Fail && after.StageFailures > bake.FailureLimit)
        {
            foreach (var e in DecideRollback(at, $"{stage} analysis {recorded.Look} failed: {verdict.Reason}", "judge", after)) yield return e;
            yield break;
        }

        if (verdict.Phase == VerdictPhase.Error && after.ConsecutiveErrors > bake.ConsecutiveErrorLimit)
        {
            yield return new HumansPaged(at, $"telemetry could not be read in {after.ConsecutiveErrors} analyses in a row ({verdict.Reason}): holding, never promoting blind");
            yield break;
        }

        if (canary && r.Canary is { } plan && after.LooksInStage >= CanaryLooks(plan, bake).Looks && verdict.Phase != VerdictPhase.Pass)
        {
            yield return new HumansPaged(at, $"{stage} ended {verdict.Phase.ToString().ToLowerInvariant()}: {verdict.Reason}; a person decides before more traffic");
            yield break;
        }

        if (!canary && after.LooksInStage >= bake.PlannedLooks)
        {
            if (verdict.Phase == VerdictPhase.Pass)
            {
                yield return new ReleaseSucceeded(at, $"bake of {Fmt(bake.Duration)} passed: {after.LooksInStage} analyses, last: {verdict.Reason}");
            }
            else
            {
                yield return new HumansPaged(at, $"bake ended {verdict.Phase.ToString().ToLowerInvariant()}: {verdict.Reason}");
            }
        }
    }

    private static IEnumerable<ReleaseEvent> DecideFailure(DateTimeOffset at, ActionFailed failed, ReleaseState s)
    {
        if (s.IsTerminal && s.Backout is null) yield break;
        if (s.Backout is not null)
        {
            yield return new BackoutRefused(at, $"could not read the slots: {failed.Error}");
            yield break;
        }

        if (s.Rollback is not null)
        {
            yield return new ReleaseRollbackFailed(at, $"{s.Rollback.Reason}; {failed.Action} failed: {failed.Error}");
            yield break;
        }

        var reason = $"{failed.Action} failed: {failed.Error}";
        if (failed.Action == new SwapSlots("", "").Name)
        {
            // The swap may or may not have happened: roll back through the idempotent swap-back, which verifies.
            var uncertain = Evolve(s, new StepFailed(at, failed.Action, failed.Error));
            foreach (var e in DecideRollback(at, reason, "release-loop", uncertain)) yield return e;
            yield break;
        }

        if (s.ChangedProduction)
        {
            foreach (var e in DecideRollback(at, reason, "release-loop", s)) yield return e;
        }
        else
        {
            yield return new ReleaseAborted(at, reason);
        }
    }

    internal static string Fmt(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Fmt(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalMinutes} min";

    internal static string Short(string? commit) => commit is { Length: > 10 } ? commit[..10] : commit ?? "?";
}
