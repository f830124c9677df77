using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Backtest;

public class BacktestRunnerTests
{
    private static readonly DateTimeOffset Swap = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly BacktestRelease Release = new("app", "1.0", "2.0", AnalysisMode.BlueGreen, Swap, []);
    private static readonly RollbackPolicy Policy = new(IntervalMinutes: 1, BakeMinutes: 10, FailureLimit: 1, ConsecutiveErrorLimit: 2);
    private static readonly ImmutableArray<TelemetryFrame> TenMinutes = [.. Enumerable.Range(0, 10).Select(m => new TelemetryFrame(Swap.AddMinutes(m), "2.0", 100, 0))];

    /// <summary>A hand-written judge answering a fixed script of phases, one per look.</summary>
    private sealed class ScriptedJudge(params VerdictPhase[] phases) : IReleaseJudge
    {
        public string Name => "scripted";

        public Verdict Analyze(AnalysisRequest request) =>
            new(request.Now, phases[request.Look - 1], $"look {request.Look}", []);
    }

    [Theory]
    [InlineData(new[] { VerdictPhase.Pass, VerdictPhase.Fail, VerdictPhase.Pass, VerdictPhase.Fail }, BacktestDecision.Rollback, 4)]
    [InlineData(new[] { VerdictPhase.Error, VerdictPhase.Error, VerdictPhase.Error }, BacktestDecision.Hold, 3)]
    [InlineData(new[] { VerdictPhase.Error, VerdictPhase.Error, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass }, BacktestDecision.Promote, 10)]
    [InlineData(new[] { VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Pass, VerdictPhase.Inconclusive }, BacktestDecision.Hold, 10)]
    public void Run_VerdictScript_DecidesAsTheDecider(VerdictPhase[] script, BacktestDecision decision, int minute)
    {
        var result = BacktestRunner.Run(Release, TenMinutes, Policy, new ScriptedJudge(script));
        Assert.Equal(decision, result.Decision);
        Assert.Equal(Swap.AddMinutes(minute), result.DecidedAt);
        Assert.Equal(minute, result.Analyses.Length);
    }

    [Fact]
    public void Run_TelemetryEndsBeforeTheBake_IsErrorNeverHealth()
    {
        var result = BacktestRunner.Run(Release, TenMinutes[..3], Policy, new ScriptedJudge([.. Enumerable.Repeat(VerdictPhase.Pass, 10)]));
        Assert.Equal(BacktestDecision.Hold, result.Decision);
        Assert.Equal(Swap.AddMinutes(6), result.DecidedAt);
        Assert.Contains("no telemetry recorded after 2026-11-20T10:03Z", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CanaryRelease_JudgesEachStepAtItsShareThenBakesAfterTheSwap()
    {
        var canary = new BacktestRelease("app", "1.0", "2.0", AnalysisMode.Canary, Swap.AddMinutes(6), [new CanaryStep(Swap, 5), new CanaryStep(Swap.AddMinutes(3), 25)]);
        var looks = new List<AnalysisRequest>();
        var result = BacktestRunner.Run(canary, Minutes(20), Policy, new RecordingJudge(looks));
        Assert.Equal([5, 5, 5, 25, 25, 25, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100], looks.Select(l => l.CandidateShare));
        Assert.Equal([.. Enumerable.Repeat(AnalysisMode.Canary, 6), .. Enumerable.Repeat(AnalysisMode.BlueGreen, 10)], looks.Select(l => l.Mode));
        Assert.Equal(Swap.AddMinutes(6), looks[6].StartedAt);
        Assert.Equal((BacktestDecision.Promote, Swap.AddMinutes(16)), (result.Decision, result.DecidedAt));
    }

    [Fact]
    public void Run_CanaryWithoutSwap_JudgesTheShareForOneBakeAndEndsWhereTheRecordingEnds()
    {
        var canary = new BacktestRelease("app", "1.0", "2.0", AnalysisMode.Canary, null, [new CanaryStep(Swap, 10)]);
        var looks = new List<AnalysisRequest>();
        var result = BacktestRunner.Run(canary, TenMinutes, Policy, new RecordingJudge(looks));
        Assert.Equal(10, looks.Count);
        Assert.All(looks, l => Assert.Equal((AnalysisMode.Canary, 10.0, Swap), (l.Mode, l.CandidateShare, l.StartedAt)));
        Assert.Equal((BacktestDecision.Promote, Swap.AddMinutes(10)), (result.Decision, result.DecidedAt));
        Assert.Contains("the recording ends before the candidate was promoted", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BlueGreen_SwapsAtSwapAtAndGivesTheJudgeTheBaselineMinutesOfThePolicy()
    {
        var looks = new List<AnalysisRequest>();
        var frames = ImmutableArray.CreateRange(Enumerable.Range(-200, 210).Select(m => new TelemetryFrame(Swap.AddMinutes(m), m < 0 ? "1.0" : "2.0", 100, 0)));
        BacktestRunner.Run(Release, frames, Policy, new RecordingJudge(looks));
        Assert.Equal(Swap, looks[0].StartedAt);
        Assert.Equal(Swap.AddMinutes(-180), looks[0].Frames.Min(f => f.Time));
        Assert.All(looks, l => Assert.True(l.Frames.Max(f => f.Time) < l.Now, "only minutes that ended before now are visible"));
    }

    [Fact]
    public void Run_RollbackReason_IsTheDecidersAndDecidedAtIsRollbackStarted()
    {
        var result = BacktestRunner.Run(Release, TenMinutes, Policy with { FailureLimit = 0 }, new ScriptedJudge(VerdictPhase.Pass, VerdictPhase.Fail));
        Assert.Equal((BacktestDecision.Rollback, Swap.AddMinutes(2)), (result.Decision, result.DecidedAt));
        Assert.Equal("bake analysis 2 failed: look 2", result.Reason);
    }

    [Theory]
    [InlineData(new[] { 0, 15 }, 45, new[] { 5, 25, 25 }, 15)]
    [InlineData(new[] { 0 }, null, new[] { 7 }, 10)]
    [InlineData(new[] { 0, 10, 20 }, 30, new[] { 5, 25, 50 }, 10)]
    public void CanaryPlanFor_RecordedSteps_EqualStagesOfTheirCommonLength(int[] at, int? swapAfter, int[] expected, int stageMinutes)
    {
        double[] percents = [at.Length == 1 ? 7 : 5, 25, 50];
        var steps = ImmutableArray.CreateRange(at.Select((m, i) => new CanaryStep(Swap.AddMinutes(m), percents[i])));
        var release = new BacktestRelease("app", "1.0", "2.0", AnalysisMode.Canary, swapAfter is { } s ? Swap.AddMinutes(s) : null, steps);
        var plan = BacktestRunner.CanaryPlanFor(release, Policy)!;
        Assert.Equal(expected, plan.Steps);
        Assert.Equal(stageMinutes, plan.StepMinutes);
    }

    private static ImmutableArray<TelemetryFrame> Minutes(int count) =>
        [.. Enumerable.Range(0, count).Select(m => new TelemetryFrame(Swap.AddMinutes(m), "2.0", 100, 0))];

    private sealed class RecordingJudge(List<AnalysisRequest> looks) : IReleaseJudge
    {
        public string Name => "recording";

        public Verdict Analyze(AnalysisRequest request)
        {
            looks.Add(request);
            return new Verdict(request.Now, VerdictPhase.Pass, "ok", []);
        }
    }
}
