using System.Collections.Immutable;
using System.Text.Json.Serialization;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>
/// Something from outside that a waiting release reacts to. One serializable union, so a durable engine
/// needs a single external-event name ("signal") and no stringly-typed dispatch.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "signal")]
[JsonDerivedType(typeof(AdmitSignal), "admit")]
[JsonDerivedType(typeof(ApproveSignal), "approve")]
[JsonDerivedType(typeof(RejectSignal), "reject")]
[JsonDerivedType(typeof(RollbackSignal), "rollback")]
[JsonDerivedType(typeof(AlertSignalReceived), "alert")]
[JsonDerivedType(typeof(BackoutSignal), "backout")]
public abstract record ReleaseSignal
{
    public const string EventName = "signal";

    public abstract ReleaseCommand ToCommand(DateTimeOffset at);
}

public sealed record AdmitSignal : ReleaseSignal
{
    public override ReleaseCommand ToCommand(DateTimeOffset at) => new AdmitRelease(at);
}

public sealed record ApproveSignal(string Approver, string? Comment, ImmutableArray<string> Overrides) : ReleaseSignal
{
    public override ReleaseCommand ToCommand(DateTimeOffset at) => new ApproveRelease(at, Approver, Comment, Overrides.IsDefault ? [] : Overrides);
}

public sealed record RejectSignal(string Approver, string Reason) : ReleaseSignal
{
    public override ReleaseCommand ToCommand(DateTimeOffset at) => new RejectRelease(at, Approver, Reason);
}

public sealed record RollbackSignal(string RequestedBy, string Reason) : ReleaseSignal
{
    public override ReleaseCommand ToCommand(DateTimeOffset at) => new RequestRollback(at, RequestedBy, Reason);
}

public sealed record AlertSignalReceived(AlertSignal Alert) : ReleaseSignal
{
    public override ReleaseCommand ToCommand(DateTimeOffset at) => new RaiseAlert(at, Alert);
}

public sealed record BackoutSignal(string RequestedBy, string Reason) : ReleaseSignal
{
    public override ReleaseCommand ToCommand(DateTimeOffset at) => new RequestBackout(at, RequestedBy, Reason);
}
