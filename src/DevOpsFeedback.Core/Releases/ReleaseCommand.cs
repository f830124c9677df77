using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Releases;

/// <summary>What someone or something asks of a release. Time is part of every command.</summary>
public abstract record ReleaseCommand(DateTimeOffset At);

public sealed record RequestRelease(DateTimeOffset At, ReleaseRequest Request, ReleaseSettings Settings) : ReleaseCommand(At);

/// <summary>The app's queue lets this release run.</summary>
public sealed record AdmitRelease(DateTimeOffset At) : ReleaseCommand(At);

/// <summary>Make whatever progress needs no outside answer (change windows, checks on what is known, timeouts).</summary>
public sealed record Advance(DateTimeOffset At) : ReleaseCommand(At);

/// <summary>The answer to the step <see cref="ReleaseDecider.NextStep"/> asked for.</summary>
public sealed record RecordStepResult(DateTimeOffset At, StepResult Result) : ReleaseCommand(At);

public sealed record ApproveRelease(DateTimeOffset At, string Approver, string? Comment, ImmutableArray<string> Overrides) : ReleaseCommand(At);

public sealed record RejectRelease(DateTimeOffset At, string Approver, string Reason) : ReleaseCommand(At);

/// <summary>The red button during a release.</summary>
public sealed record RequestRollback(DateTimeOffset At, string RequestedBy, string Reason) : ReleaseCommand(At);

public sealed record RaiseAlert(DateTimeOffset At, AlertSignal Alert) : ReleaseCommand(At);

/// <summary>The red button after a release.</summary>
public sealed record RequestBackout(DateTimeOffset At, string RequestedBy, string Reason) : ReleaseCommand(At);
