using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;

namespace DevOpsFeedback.Orchestration;

public sealed class ReleaseLoopScenarioTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private const string Base = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Next = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static SimulatedWorld World()
    {
        var w = new SimulatedWorld(Monday, seed: 7);
        w.AddApp("web", "1.0.0", Base);
        w.Build("web", "1.1.0", Next, Base);
        return w;
    }

    [Fact]
    public async Task Good_release_is_swapped_baked_and_succeeds()
    {
        var w = World();
        await w.SubmitAsync(SimulatedWorld.Request("r1", "web", "1.1.0", Next));
        w.Run();

        var s = await w.StateAsync("r1");
        Assert.Equal(ReleaseOutcome.Succeeded, s.Outcome);
        Assert.Single(w.AppService.SwapLog);
        var slots = await w.AppService.ReadSlotsAsync("web", default);
        Assert.Equal("1.1.0", slots.Production.Version);
        Assert.Equal("1.0.0", slots.Staging.Version);
        Assert.Equal(6, s.Verdicts.Count);
        Assert.Equal(Monday.AddMinutes(30), s.EndedAt);
    }

    [Fact]
    public async Task Bad_release_is_rolled_back_after_the_first_failed_analysis()
    {
        var w = World();
        w.AppService.SetBehavior("1.1.0", new VersionBehavior(0.05, 80));
        await w.SubmitAsync(SimulatedWorld.Request("r1", "web", "1.1.0", Next));
        w.Run();

        var s = await w.StateAsync("r1");
        Assert.Equal(ReleaseOutcome.RolledBack, s.Outcome);
        Assert.Equal(2, w.AppService.SwapLog.Length);
        Assert.Equal("1.0.0", (await w.AppService.ReadSlotsAsync("web", default)).Production.Version);
        Assert.Contains("error rate", s.OutcomeReason, StringComparison.Ordinal);
        // The statistical judge fails a metric only when it is significant in 2 analyses in a row: analysis 1 is
        // Inconclusive ("needs 2 in a row"), analysis 2 (minute 10 of a 5-minute interval) is the first failed one.
        Assert.Contains("bake analysis 2 failed", s.OutcomeReason, StringComparison.Ordinal);
        Assert.Equal(Monday.AddMinutes(10), s.EndedAt);
    }
}
