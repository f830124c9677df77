using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace DevOpsFeedback.Releases;

/// <summary>One release in a queue scenario: when it arrives, what it is, how its build behaves, who does what to it.</summary>
/// <param name="Behavior">0 good, 1 failing under traffic, 2 failing its smoke test.</param>
/// <param name="Signal">0 nothing, 1 approval, 2 approval by the requester, 3 red button, 4 rejection, 5 an alert.</param>
public sealed record QueuedRelease(int ArriveMinute, ChangeType Type, int Behavior, int Signal, int SignalMinute);

/// <summary>Several releases of one app in the <see cref="SimulatedWorld"/>, arriving at random times.</summary>
public sealed record QueueScript(int Seed, int StartDay, QueuedRelease[] Releases)
{
    public override string ToString() => $"seed {Seed}, day {StartDay}: {string.Join("; ", Releases.Select(r => r.ToString()))}";
}

/// <summary>Queue invariants, through the real desk, queue, loop and virtual-time runtime of the <see cref="SimulatedWorld"/>.</summary>
public sealed partial class ReleasePropertiesTests
{
    private const string App = "shop";

    private static readonly Arbitrary<QueueScript> Queues = Arb.From(
        from seed in Gen.Choose(0, 10_000)
        from day in Gen.Choose(0, 6)
        from releases in Gen.NonEmptyListOf(
            from arrive in Gen.Choose(0, 240)
            from type in Gen.Frequency((4, Gen.Constant(ChangeType.Standard)), (1, Gen.Constant(ChangeType.Normal)), (1, Gen.Constant(ChangeType.Emergency)))
            from behavior in Gen.Frequency((5, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
            from signal in Gen.Choose(0, 5)
            from signalMinute in Gen.Choose(0, 90)
            select new QueuedRelease(arrive, type, behavior, signal, signalMinute))
        select new QueueScript(seed, day, [.. releases.Take(5)]));

    private static string Version(int i) => $"2.{i + 1}.0";

    private static string CommitOf(int i) => new((char)('a' + i + 1), 40);

    /// <summary>Runs the scenario to the end of virtual time; returns the world, the watching store and the ids in arrival order.</summary>
    internal static (SimulatedWorld World, WatchingReleaseStore Store, string[] Arrival) RunQueue(QueueScript script)
    {
        var store = new WatchingReleaseStore();
        var start = Story.T0.Date.AddDays(script.StartDay).AddHours(7);
        var world = new SimulatedWorld(start, script.Seed, store: store);
        world.AddApp(App, "2.0.0", CommitOf(-1), requestsPerMinute: 120, settings: Story.Settings(ChaosDriver.Calendar, Releases.BakePolicy.Default with { Duration = TimeSpan.FromMinutes(10) }));
        var plans = script.Releases.Select((r, i) => (Plan: r, Id: $"rel-{i}", Index: i)).OrderBy(p => p.Plan.ArriveMinute).ThenBy(p => p.Index).ToArray();
        var versions = plans.ToDictionary(p => p.Id, p => (Version: Version(p.Index), Commit: CommitOf(p.Index)));
        for (var i = 0; i < plans.Length; i++) world.Source.Commit(CommitOf(plans[i].Index), i == 0 ? CommitOf(-1) : CommitOf(plans[i - 1].Index));

        store.ReadSlots = app => world.AppService.ReadSlotsAsync(app, default).Result;
        store.OnAdmitted = (app, id) => world.AppService.DeployToStaging(app, versions[id].Version, versions[id].Commit);

        foreach (var (plan, id, index) in plans)
        {
            var version = Version(index);
            if (plan.Behavior == 1) world.AppService.SetBehavior(version, new VersionBehavior(0.08, 80));
            if (plan.Behavior == 2) world.AppService.SetBehavior(version, VersionBehavior.Good with { Healthy = false });
            var arrive = start.AddMinutes(plan.ArriveMinute);
            var request = SimulatedWorld.Request(id, App, version, CommitOf(index), plan.Type);
            world.At(arrive, () => world.SubmitAsync(request));
            ReleaseSignal? signal = plan.Signal switch
            {
                1 => new ApproveSignal("alice", null, []),
                2 => new ApproveSignal("pipeline", null, []),
                3 => new RollbackSignal("bob", "looks wrong"),
                4 => new RejectSignal("alice", "not now"),
                5 => new AlertSignalReceived(Story.Alert()),
                _ => null,
            };
            if (signal is not null) world.At(arrive.AddMinutes(plan.SignalMinute), () => world.Desk.SignalAsync(id, signal, world.Now, default));
        }

        world.Run();
        return (world, store, [.. plans.Select(p => p.Id)]);
    }

    private static void ForAllQueues(Action<SimulatedWorld, WatchingReleaseStore, string[]> property) =>
        Check.One(Config, Prop.ForAll(Queues, script =>
        {
            var (world, store, arrival) = RunQueue(script);
            property(world, store, arrival);
        }));

    [Fact]
    public void Never_two_active_releases_for_one_app()
    {
        ForAllQueues((_, store, _) => Assert.Empty(store.Breaches));
    }

    [Fact]
    public void Queued_releases_run_in_arrival_order_and_alone()
    {
        ForAllQueues((world, store, arrival) =>
        {
            var order = store.Admitted.Select(id => Array.IndexOf(arrival, id)).ToArray();
            Assert.Equal(order.Order(), order);
            Assert.Equal(store.Admitted.Count, store.Admitted.Distinct().Count());
            foreach (var (id, runtime) in world.Runtimes)
            {
                var candidate = world.StateAsync(id).GetAwaiter().GetResult().Request!.CandidateVersion;
                Assert.All(runtime.ActionsRun.OfType<SwapSlots>(), s => Assert.Equal(candidate, s.WantedProductionVersion));
            }

            // Every release that ran before another ended before that one was admitted: nothing is merged or interleaved.
            var ended = arrival.Select(id => world.StateAsync(id).GetAwaiter().GetResult()).ToArray();
            for (var i = 1; i < store.Admitted.Count; i++)
            {
                var previous = ended[Array.IndexOf(arrival, store.Admitted[i - 1])];
                Assert.True(previous.IsTerminal, $"{store.Admitted[i]} was admitted while {store.Admitted[i - 1]} is {previous.Status}");
            }
        });
    }
}
