using System.Collections.Immutable;
using System.Text.Json.Serialization;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Releases;

/// <summary>
/// Something that happened to a release. The ordered events are the release's audit trail:
/// who asked, what was checked, what was swapped, which verdict, who approved.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ReleaseRequested), "ReleaseRequested")]
[JsonDerivedType(typeof(ReleaseAdmitted), "ReleaseAdmitted")]
[JsonDerivedType(typeof(WaitingForChangeWindow), "WaitingForChangeWindow")]
[JsonDerivedType(typeof(ChangeWindowOpened), "ChangeWindowOpened")]
[JsonDerivedType(typeof(ChangeWindowBypassed), "ChangeWindowBypassed")]
[JsonDerivedType(typeof(SlotsInspected), "SlotsInspected")]
[JsonDerivedType(typeof(AuditPassed), "AuditPassed")]
[JsonDerivedType(typeof(AuditFailed), "AuditFailed")]
[JsonDerivedType(typeof(AuditOverridden), "AuditOverridden")]
[JsonDerivedType(typeof(DataSafetyPassed), "DataSafetyPassed")]
[JsonDerivedType(typeof(SwapBackDisabled), "SwapBackDisabled")]
[JsonDerivedType(typeof(ApprovalRequested), "ApprovalRequested")]
[JsonDerivedType(typeof(ReleaseApproved), "ReleaseApproved")]
[JsonDerivedType(typeof(ApprovalRefused), "ApprovalRefused")]
[JsonDerivedType(typeof(SmokeTestPassed), "SmokeTestPassed")]
[JsonDerivedType(typeof(CanaryTrafficSet), "CanaryTrafficSet")]
[JsonDerivedType(typeof(VerdictRecorded), "VerdictRecorded")]
[JsonDerivedType(typeof(SlotsSwapped), "SlotsSwapped")]
[JsonDerivedType(typeof(RollbackStarted), "RollbackStarted")]
[JsonDerivedType(typeof(SlotsSwappedBack), "SlotsSwappedBack")]
[JsonDerivedType(typeof(HumansPaged), "HumansPaged")]
[JsonDerivedType(typeof(AlertReceived), "AlertReceived")]
[JsonDerivedType(typeof(StepFailed), "StepFailed")]
[JsonDerivedType(typeof(BackoutRequested), "BackoutRequested")]
[JsonDerivedType(typeof(BackoutRefused), "BackoutRefused")]
[JsonDerivedType(typeof(ReleaseSucceeded), "ReleaseSucceeded")]
[JsonDerivedType(typeof(ReleaseRolledBack), "ReleaseRolledBack")]
[JsonDerivedType(typeof(ReleaseRollbackFailed), "ReleaseRollbackFailed")]
[JsonDerivedType(typeof(ReleaseBlocked), "ReleaseBlocked")]
[JsonDerivedType(typeof(ReleaseRejected), "ReleaseRejected")]
[JsonDerivedType(typeof(ReleaseAborted), "ReleaseAborted")]
public abstract record ReleaseEvent(DateTimeOffset At);

public sealed record ReleaseRequested(DateTimeOffset At, ReleaseRequest Request, ReleaseSettings Settings) : ReleaseEvent(At);

/// <summary>The app's queue reached this release: it now runs alone for its app.</summary>
public sealed record ReleaseAdmitted(DateTimeOffset At) : ReleaseEvent(At);

public sealed record WaitingForChangeWindow(DateTimeOffset At, DateTimeOffset Until, string Reason) : ReleaseEvent(At);

public sealed record ChangeWindowOpened(DateTimeOffset At) : ReleaseEvent(At);

/// <summary>An emergency change went ahead inside a freeze (recorded as such).</summary>
public sealed record ChangeWindowBypassed(DateTimeOffset At, string Reason) : ReleaseEvent(At);

public sealed record SlotsInspected(DateTimeOffset At, SlotsSnapshot Slots) : ReleaseEvent(At);

/// <param name="CandidateCommittedAt">When the candidate commit was committed, if the source said; null in older logs.</param>
public sealed record AuditPassed(DateTimeOffset At, string ProductionCommit, string Status, DateTimeOffset? CandidateCommittedAt = null) : ReleaseEvent(At);

public sealed record AuditFailed(DateTimeOffset At, string Reason, ImmutableArray<string> MissingCommits) : ReleaseEvent(At);

public sealed record AuditOverridden(DateTimeOffset At, string By, string? Comment) : ReleaseEvent(At);

public sealed record DataSafetyPassed(DateTimeOffset At) : ReleaseEvent(At);

public sealed record SwapBackDisabled(DateTimeOffset At, string Reason) : ReleaseEvent(At);

public sealed record ApprovalRequested(DateTimeOffset At, string Reason, DateTimeOffset Until) : ReleaseEvent(At);

public sealed record ReleaseApproved(DateTimeOffset At, string By, string? Comment, ImmutableArray<string> Overrides) : ReleaseEvent(At);

public sealed record ApprovalRefused(DateTimeOffset At, string By, string Reason) : ReleaseEvent(At);

public sealed record SmokeTestPassed(DateTimeOffset At, string Slot, string Detail) : ReleaseEvent(At);

public sealed record CanaryTrafficSet(DateTimeOffset At, double Percent) : ReleaseEvent(At);

/// <summary>One analysis. <see cref="Stage"/> is "canary 5%" or "bake".</summary>
public sealed record VerdictRecorded(DateTimeOffset At, string Stage, int Look, Verdict Verdict) : ReleaseEvent(At);

public sealed record SlotsSwapped(DateTimeOffset At, bool Swapped, string Message, string ProductionVersion, string StagingVersion) : ReleaseEvent(At);

public sealed record RollbackStarted(DateTimeOffset At, string Reason, string By) : ReleaseEvent(At);

public sealed record SlotsSwappedBack(DateTimeOffset At, bool Swapped, string Message, string ProductionVersion) : ReleaseEvent(At);

/// <summary>People must decide: the release holds until someone approves (keep) or presses rollback.</summary>
public sealed record HumansPaged(DateTimeOffset At, string Reason) : ReleaseEvent(At);

public sealed record AlertReceived(DateTimeOffset At, AlertSignal Alert) : ReleaseEvent(At);

/// <summary>A step could not be carried out (an I/O failure, translated at the adapter's edge).</summary>
public sealed record StepFailed(DateTimeOffset At, string Step, string Error) : ReleaseEvent(At);

public sealed record BackoutRequested(DateTimeOffset At, string By, string Reason) : ReleaseEvent(At);

public sealed record BackoutRefused(DateTimeOffset At, string Reason) : ReleaseEvent(At);

public sealed record ReleaseSucceeded(DateTimeOffset At, string Reason) : ReleaseEvent(At);

public sealed record ReleaseRolledBack(DateTimeOffset At, string Reason) : ReleaseEvent(At);

public sealed record ReleaseRollbackFailed(DateTimeOffset At, string Reason) : ReleaseEvent(At);

public sealed record ReleaseBlocked(DateTimeOffset At, string Reason) : ReleaseEvent(At);

public sealed record ReleaseRejected(DateTimeOffset At, string By, string Reason) : ReleaseEvent(At);

public sealed record ReleaseAborted(DateTimeOffset At, string Reason) : ReleaseEvent(At);
