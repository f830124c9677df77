using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Backtest;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

public class ReleaseActionsTests
{
    private static readonly DateTimeOffset Swap = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private sealed class RecordingTelemetry : ITelemetrySource
    {
        public List<(DateTimeOffset From, DateTimeOffset To)> Queries { get; } = [];

        public Task<TelemetryResult> QueryAsync(string app, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            Queries.Add((from, to));
            return Task.FromResult(TelemetryResult.Ok([]));
        }
    }

    [Theory]
    [InlineData(60)]
    [InlineData(180)]
    public async Task ExecuteAsync_Analyze_QueriesTheBaselineMinutesOfThePolicy(int baselineMinutes)
    {
        var telemetry = new RecordingTelemetry();
        var policy = new JudgePolicy(BaselineMinutes: baselineMinutes);
        var release = new BacktestRelease("app", "1.0", "2.0", AnalysisMode.BlueGreen, Swap, []);
        var actions = new ReleaseActions(new ReplaySlotController(release, () => Swap), telemetry, new ContainedSourceControl(), new StatisticalJudge(policy), ReleaseActions.LookbackFor(policy));
        await actions.ExecuteAsync(new Analyze("app", AnalysisMode.BlueGreen, "1.0", "2.0", Swap, Swap.AddMinutes(5), 5, 60, 100), CancellationToken.None);
        Assert.Equal([(Swap.AddMinutes(-baselineMinutes), Swap.AddMinutes(5))], telemetry.Queries);
    }

    [Fact]
    public void Constructor_NegativeLookback_IsRefusedNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReleaseActions(
            new ReplaySlotController(new BacktestRelease("app", "1.0", "2.0", AnalysisMode.BlueGreen, Swap, []), () => Swap),
            new RecordingTelemetry(), new ContainedSourceControl(), new StatisticalJudge(), TimeSpan.FromMinutes(-1)));
        Assert.Contains("baselineLookback", ex.Message, StringComparison.Ordinal);
    }
}
