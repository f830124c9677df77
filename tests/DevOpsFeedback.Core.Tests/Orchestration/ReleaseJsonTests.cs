using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

public sealed class ReleaseJsonTests
{
    private static readonly DateTimeOffset T0 = Story.T0;

    public static TheoryData<StepResult> Results => new()
    {
        new SlotsRead(Story.Slots()),
        new AncestryChecked(new AncestryResult(false, "diverged", ["ffff"])),
        new SmokeTested("staging", new SmokeTestResult(true, 3, "3 x 200")),
        new CanaryTrafficApplied(5),
        new Analyzed(new Verdict(T0, VerdictPhase.Fail, "error rate 5%", [new MetricResult("error-rate", VerdictPhase.Fail, "5%")])),
        new SwapCompleted(Story.Swap(true, Story.SwappedSlots), IsSwapBack: true),
        new ActionFailed("swap back", "ARM 500"),
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void Serialize_EveryStepResult_RoundTripsAcrossTheActivityBoundary(StepResult result)
    {
        var json = ReleaseJson.Serialize(result);
        var back = ReleaseJson.Deserialize<StepResult>(json);
        Assert.IsType(result.GetType(), back);
        Assert.Equal(json, ReleaseJson.Serialize(back));
    }

    public static TheoryData<StepAction> Actions => new()
    {
        new InspectSlots("web"),
        new CheckAncestry("web", Story.BaseCommit, Story.CandidateCommit),
        new SmokeTest("web", "staging", SmokeTestSpec.Default),
        new SetCanaryTraffic("web", 25),
        new Analyze("web", AnalysisMode.Canary, "1.0.0", "1.1.0", T0, T0.AddMinutes(5), 1, 2, 5),
        new SwapSlots("web", "1.1.0"),
        new SwapBack("web", "1.0.0"),
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public void Serialize_EveryStepAction_RoundTrips(StepAction action)
    {
        var json = ReleaseJson.Serialize(action);
        Assert.Equal(action, ReleaseJson.Deserialize<StepAction>(json));
    }

    public static TheoryData<ReleaseSignal> Signals => new()
    {
        new AdmitSignal(),
        new ApproveSignal("alice", "ok", ["hotfix-regression"]),
        new RejectSignal("alice", "no"),
        new RollbackSignal("bob", "errors"),
        new AlertSignalReceived(Story.Alert()),
        new BackoutSignal("bob", "complaints"),
    };

    [Theory]
    [MemberData(nameof(Signals))]
    public void Serialize_EverySignal_RoundTrips(ReleaseSignal signal)
    {
        var json = ReleaseJson.Serialize(signal);
        var back = ReleaseJson.Deserialize<ReleaseSignal>(json);
        Assert.IsType(signal.GetType(), back);
        Assert.Equal(json, ReleaseJson.Serialize(back));
    }

    [Fact]
    public void FromEnvelope_EveryEventOfAStory_RoundTripsThroughTheStore()
    {
        ImmutableArray<ReleaseEvent> events = [.. Story.Succeeded(Story.Request(ChangeType.Normal, DatabaseChange.Breaking, new CanaryPlan([5], 10))), new BackoutRequested(T0.AddHours(1), "bob", "x"), new BackoutRefused(T0.AddHours(1), "breaking")];
        var envelopes = ReleaseJson.ToEnvelopes(0, events);
        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), envelopes.Select(e => e.Version));
        var back = envelopes.Select(ReleaseJson.FromEnvelope).ToArray();
        Assert.Equal(events.Select(e => ReleaseJson.Serialize(e)), back.Select(e => ReleaseJson.Serialize(e)));
        Assert.Equal(events.Select(e => e.GetType()), back.Select(e => e.GetType()));
    }
}
