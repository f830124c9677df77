using System.Globalization;

namespace DevOpsFeedback.Releases;

/// <summary>One line a person understands for each event (timelines, notifications, reports).</summary>
public static class ReleaseEventText
{
    public static string Describe(ReleaseEvent e) => e switch
    {
        ReleaseRequested x => $"requested by {x.Request.RequestedBy}: {x.Request.App} {x.Request.CandidateVersion} ({x.Request.ChangeType.ToString().ToLowerInvariant()} change, database: {x.Request.DatabaseChange.ToString().ToLowerInvariant()})",
        ReleaseAdmitted => "admitted: first in the app's queue",
        WaitingForChangeWindow x => $"change window closed ({x.Reason}): waiting until {x.Until.ToString("ddd yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}",
        ChangeWindowOpened => "change window open",
        ChangeWindowBypassed x => x.Reason,
        SlotsInspected x => $"slots read: production {x.Slots.Production.Version} ({ReleaseDecider.Short(x.Slots.Production.Commit)}), staging {x.Slots.Staging.Version} ({ReleaseDecider.Short(x.Slots.Staging.Commit)})",
        AuditPassed x => $"audit passed: candidate contains production's commit ({x.Status})",
        AuditFailed x => $"audit FAILED: {x.Reason}",
        AuditOverridden x => $"audit overridden by {x.By}",
        DataSafetyPassed => "data safety passed: environment-bound settings are sticky and differ",
        SwapBackDisabled x => $"automatic swap-back disabled: {x.Reason}",
        ApprovalRequested x => $"approval needed ({x.Reason}) by {x.Until.ToString("ddd HH:mm", CultureInfo.InvariantCulture)}",
        ReleaseApproved x => $"approved by {x.By}" + (x.Overrides.IsDefaultOrEmpty ? "" : $" (overrides: {string.Join(", ", x.Overrides)})"),
        ApprovalRefused x => $"approval by {x.By} refused: {x.Reason}",
        SmokeTestPassed x => $"smoke test of {x.Slot} passed: {x.Detail}",
        CanaryTrafficSet x => x.Percent > 0 ? $"canary: {ReleaseDecider.Fmt(x.Percent)}% of production traffic to staging" : "canary traffic reset to 0%",
        VerdictRecorded x => $"{x.Stage} analysis {x.Look}: {x.Verdict.Phase.ToString().ToUpperInvariant()} — {x.Verdict.Reason}",
        SlotsSwapped x => x.Swapped ? $"SWAPPED: production runs {x.ProductionVersion}, staging holds {x.StagingVersion}" : x.Message,
        RollbackStarted x => $"ROLLBACK: {x.Reason}",
        SlotsSwappedBack x => x.Swapped ? $"swapped back: production runs {x.ProductionVersion}" : x.Message,
        HumansPaged x => $"PAGED humans: {x.Reason}",
        AlertReceived x => $"alert '{x.Alert.Rule}' {x.Alert.Condition.ToString().ToLowerInvariant()} ({x.Alert.Severity})",
        StepFailed x => $"{x.Step} failed: {x.Error}",
        BackoutRequested x => $"red button pressed by {x.By}: {x.Reason}",
        BackoutRefused x => $"red button refused: {x.Reason}",
        ReleaseSucceeded x => $"SUCCEEDED: {x.Reason}",
        ReleaseRolledBack x => $"ROLLED BACK: {x.Reason}",
        ReleaseRollbackFailed x => $"ROLLBACK FAILED: {x.Reason}",
        ReleaseBlocked x => $"BLOCKED: {x.Reason}",
        ReleaseRejected x => $"REJECTED by {x.By}: {x.Reason}",
        ReleaseAborted x => $"ABORTED: {x.Reason}",
        _ => e.GetType().Name,
    };
}
