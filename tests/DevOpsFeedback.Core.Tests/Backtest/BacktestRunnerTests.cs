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
    public void Run_CanaryRelease_PassesTheShareOfEachLook()
    {
        var canary = new BacktestRelease("app", "1.0", "2.0", AnalysisMode.Canary, Swap.AddMinutes(6), [new CanaryStep(Swap, 5), new CanaryStep(Swap.AddMinutes(3), 25)]);
        var shares = new List<double>();
        var judge = new RecordingJudge(shares);
        BacktestRunner.Run(canary, TenMinutes, Policy, judge);
        Assert.Equal([5, 5, 5, 25, 25, 25, 100, 100, 100, 100], shares);
    }

    private sealed class RecordingJudge(List<double> shares) : IReleaseJudge
    {
        public string Name => "recording";

        public Verdict Analyze(AnalysisRequest request)
        {
            shares.Add(request.CandidateShare);
            return new Verdict(request.Now, VerdictPhase.Pass, "ok", []);
        }
    }
}
