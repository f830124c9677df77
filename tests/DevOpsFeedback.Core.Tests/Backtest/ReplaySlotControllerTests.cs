using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Backtest;

public class ReplaySlotControllerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SwapAsync_CandidateThenBaseline_ProductionFollowsAndEachSwapIsLoggedAtItsTime()
    {
        var now = T0;
        var slots = new ReplaySlotController(new BacktestRelease("app", "1.0", "2.0", AnalysisMode.BlueGreen, T0, []), () => now);
        var before = await slots.ReadSlotsAsync("app", CancellationToken.None);
        Assert.Equal(("1.0", "2.0"), (before.Production.Version, before.Staging.Version));

        var swap = await slots.SwapAsync("app", "2.0", CancellationToken.None);
        now = T0.AddMinutes(7);
        var back = await slots.SwapAsync("app", "1.0", CancellationToken.None);
        var again = await slots.SwapAsync("app", "1.0", CancellationToken.None);

        Assert.Equal(("2.0", true), (swap.After.Production.Version, swap.Swapped));
        Assert.Equal(("1.0", true), (back.After.Production.Version, back.Swapped));
        Assert.False(again.Swapped);
        Assert.Equal(new (DateTimeOffset, string)[] { (T0, "2.0"), (T0.AddMinutes(7), "1.0") }, slots.Swaps.ToArray());
    }

    [Fact]
    public async Task SwapAsync_CanaryNeverPromotedInTheRecording_EndsTheReplayThere()
    {
        var now = T0.AddMinutes(60);
        var slots = new ReplaySlotController(new BacktestRelease("app", "1.0", "2.0", AnalysisMode.Canary, null, [new CanaryStep(T0, 10)]), () => now);
        var swap = slots.SwapAsync("app", "2.0", CancellationToken.None);
        Assert.False(swap.IsCompleted);
        Assert.Equal(T0.AddMinutes(60), slots.RecordingEndedAt);
        Assert.Equal("1.0", (await slots.ReadSlotsAsync("app", CancellationToken.None)).Production.Version);
    }

    [Fact]
    public async Task SwapAsync_UnknownVersion_Throws()
    {
        var slots = new ReplaySlotController(new BacktestRelease("app", "1.0", "2.0", AnalysisMode.BlueGreen, T0, []), () => T0);
        await Assert.ThrowsAsync<InvalidOperationException>(() => slots.SwapAsync("app", "3.0", CancellationToken.None));
    }

    [Fact]
    public async Task SetCanaryAsync_Percent_IsRoutedAndLogged()
    {
        var slots = new ReplaySlotController(new BacktestRelease("app", "1.0", "2.0", AnalysisMode.Canary, null, [new CanaryStep(T0, 10)]), () => T0);
        await slots.SetCanaryAsync("app", 10, CancellationToken.None);
        Assert.Equal(10, (await slots.ReadSlotsAsync("app", CancellationToken.None)).CanaryPercent);
        Assert.Equal(new (DateTimeOffset, double)[] { (T0, 10.0) }, slots.CanaryChanges.ToArray());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => slots.SetCanaryAsync("app", 101, CancellationToken.None));
    }

    [Fact]
    public async Task SlotsAsRead_PassDataSafety()
    {
        var slots = new ReplaySlotController(new BacktestRelease("app", "1.0", "2.0", AnalysisMode.BlueGreen, T0, []), () => T0);
        Assert.Empty(ChangeControl.DataSafety.Check(await slots.ReadSlotsAsync("app", CancellationToken.None), new HashSet<string>()));
    }
}
