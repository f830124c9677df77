using System.Collections.Immutable;
using System.Text.Json.Serialization;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Releases;

/// <summary>What the driver must do next: run an action, wait, or finish.</summary>
public abstract record ReleaseStep;

/// <summary>Run one action (an activity) and feed its result back.</summary>
public sealed record RunAction(StepAction Action) : ReleaseStep;

/// <summary>Wait until <see cref="Until"/> (null: no deadline) or a signal, whichever comes first.</summary>
public sealed record WaitForSignal(DateTimeOffset? Until, string Reason) : ReleaseStep;

/// <summary>The release is over.</summary>
public sealed record Finish(ReleaseOutcome Outcome, string Reason) : ReleaseStep;

/// <summary>An action with I/O, executed by an activity. Serializable: it crosses the Durable activity boundary.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "action")]
[JsonDerivedType(typeof(InspectSlots), "InspectSlots")]
[JsonDerivedType(typeof(CheckAncestry), "CheckAncestry")]
[JsonDerivedType(typeof(SmokeTest), "SmokeTest")]
[JsonDerivedType(typeof(SetCanaryTraffic), "SetCanaryTraffic")]
[JsonDerivedType(typeof(Analyze), "Analyze")]
[JsonDerivedType(typeof(SwapSlots), "SwapSlots")]
[JsonDerivedType(typeof(SwapBack), "SwapBack")]
public abstract record StepAction(string App)
{
    public abstract string Name { get; }
}

public sealed record InspectSlots(string App) : StepAction(App)
{
    public override string Name => "inspect slots";
}

public sealed record CheckAncestry(string App, string ProductionCommit, string CandidateCommit) : StepAction(App)
{
    public override string Name => "hotfix-regression audit";
}

public sealed record SmokeTest(string App, string Slot, SmokeTestSpec Spec) : StepAction(App)
{
    public override string Name => $"smoke test of {Slot}";
}

public sealed record SetCanaryTraffic(string App, double Percent) : StepAction(App)
{
    public override string Name => $"route {Percent}% to staging";
}

public sealed record Analyze(
    string App, AnalysisMode Mode, string BaselineVersion, string CandidateVersion,
    DateTimeOffset StartedAt, DateTimeOffset Until, int Look, int PlannedLooks, double CandidateShare) : StepAction(App)
{
    public override string Name => $"analysis {Look}/{PlannedLooks}";
}

public sealed record SwapSlots(string App, string WantedProductionVersion) : StepAction(App)
{
    public override string Name => "swap staging into production";
}

public sealed record SwapBack(string App, string WantedProductionVersion) : StepAction(App)
{
    public override string Name => "swap back";
}

/// <summary>The answer to an action.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SlotsRead), "SlotsRead")]
[JsonDerivedType(typeof(AncestryChecked), "AncestryChecked")]
[JsonDerivedType(typeof(SmokeTested), "SmokeTested")]
[JsonDerivedType(typeof(CanaryTrafficApplied), "CanaryTrafficApplied")]
[JsonDerivedType(typeof(Analyzed), "Analyzed")]
[JsonDerivedType(typeof(SwapCompleted), "SwapCompleted")]
[JsonDerivedType(typeof(ActionFailed), "ActionFailed")]
public abstract record StepResult;

public sealed record SlotsRead(SlotsSnapshot Slots) : StepResult;

public sealed record AncestryChecked(AncestryResult Result) : StepResult;

public sealed record SmokeTested(string Slot, SmokeTestResult Result) : StepResult;

public sealed record CanaryTrafficApplied(double Percent) : StepResult;

public sealed record Analyzed(Verdict Verdict) : StepResult;

public sealed record SwapCompleted(SwapResult Result, bool IsSwapBack) : StepResult;

/// <summary>The action threw: <see cref="Error"/> is the translated cause.</summary>
public sealed record ActionFailed(string Action, string Error) : StepResult;

/// <summary>How a release ended.</summary>
public enum ReleaseOutcome
{
    Succeeded,
    RolledBack,
    RollbackFailed,
    Blocked,
    Rejected,
    Aborted,
}

/// <summary>Helpers for outcome and status names as they appear on the wire.</summary>
public static class ReleaseNames
{
    public static string Of(ReleaseOutcome outcome) => outcome switch
    {
        ReleaseOutcome.Succeeded => "succeeded",
        ReleaseOutcome.RolledBack => "rolled-back",
        ReleaseOutcome.RollbackFailed => "rollback-failed",
        ReleaseOutcome.Blocked => "blocked",
        ReleaseOutcome.Rejected => "rejected",
        ReleaseOutcome.Aborted => "aborted",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static ImmutableArray<string> Overrides { get; } = ["hotfix-regression"];
}
