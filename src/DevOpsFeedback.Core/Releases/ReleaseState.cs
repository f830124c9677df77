using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Releases;

/// <summary>Where the hotfix-regression audit stands.</summary>
public enum AuditStatus
{
    NotRun,
    Passed,
    Failed,
    Overridden,
}

/// <summary>
/// A release as folded from its events. Every field is derived by <see cref="ReleaseDecider.Evolve"/>;
/// nothing here reads a clock or does I/O.
/// </summary>
public sealed record ReleaseState
{
    public static readonly ReleaseState Initial = new();

    public int Version { get; init; }
    public ReleaseRequest? Request { get; init; }
    public ReleaseSettings Settings { get; init; } = ReleaseSettings.Default;
    public DateTimeOffset RequestedAt { get; init; }
    public bool Admitted { get; init; }

    public DateTimeOffset? FreezeUntil { get; init; }
    public string? FreezeReason { get; init; }
    public bool FreezeBypassed { get; init; }

    public SlotsSnapshot? Slots { get; init; }
    public string? BaselineVersion { get; init; }
    public string? BaselineCommit { get; init; }

    public AuditStatus Audit { get; init; }
    public DateTimeOffset? AuditFailedAt { get; init; }
    public string? AuditReason { get; init; }

    /// <summary>When the candidate commit was committed, as the audit's source said; null when unknown.</summary>
    public DateTimeOffset? CandidateCommittedAt { get; init; }

    public bool DataSafetyChecked { get; init; }
    public bool SwapBackDisabled { get; init; }

    public DateTimeOffset? ApprovalUntil { get; init; }
    public string? ApprovedBy { get; init; }
    public ImmutableArray<string> Overrides { get; init; } = [];

    public bool SmokeTested { get; init; }

    public int CanaryStepIndex { get; init; } = -1;
    public DateTimeOffset? CanaryStepStartedAt { get; init; }
    public double CanaryPercent { get; init; }
    public bool CanaryDone { get; init; }

    public ImmutableList<VerdictRecorded> Verdicts { get; init; } = [];
    public int LooksInStage { get; init; }
    public int StageFailures { get; init; }
    public int ConsecutiveErrors { get; init; }

    public bool Swapped { get; init; }
    public bool SwapUncertain { get; init; }
    public DateTimeOffset? SwappedAt { get; init; }

    public string? HoldReason { get; init; }

    public RollbackStarted? Rollback { get; init; }
    public bool SwappedBack { get; init; }

    public BackoutRequested? Backout { get; init; }

    public ReleaseOutcome? Outcome { get; init; }
    public string? OutcomeReason { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public bool Exists => Request is not null;

    public bool IsTerminal => Outcome is not null && Backout is null;

    public bool IsHolding => HoldReason is not null;

    public bool ChangedProduction => Swapped || SwapUncertain || CanaryPercent > 0;

    /// <summary>The status word shown by the API and written to the release index.</summary>
    public string Status => this switch
    {
        { Request: null } => "none",
        { Backout: not null } => "backing-out",
        { Outcome: { } o } => ReleaseNames.Of(o),
        { Rollback: not null } => "rolling-back",
        { HoldReason: not null } => "holding",
        { Admitted: false } => "queued",
        { FreezeUntil: not null } => "waiting-for-change-window",
        { Swapped: true } => "baking",
        { CanaryStepIndex: >= 0 } => "canary",
        { Audit: AuditStatus.Failed } => "awaiting-override",
        { ApprovalUntil: not null, ApprovedBy: null } => "awaiting-approval",
        { Slots: null } => "inspecting",
        _ => "checking",
    };
}
