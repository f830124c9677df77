using System.Collections.Immutable;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;

namespace DevOpsFeedback.Cli.Demo;

/// <summary>The stories <c>dfb demo</c> tells. Each returns the release ids it created, in order.</summary>
public static class DemoScenarios
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FridayEvening = new(2026, 11, 20, 17, 0, 0, TimeSpan.Zero);

    public static ImmutableArray<DemoScenario> All { get; } =
    [
        new("good", "A good release is approved, swapped, baked and kept", Monday, GoodAsync),
        new("bad", "A bad release is rolled back automatically during the bake", Monday, BadAsync),
        new("freeze", "Releases arriving in a weekend freeze queue up and then run one by one", FridayEvening, FreezeAsync),
        new("hotfix", "A candidate missing production's hotfix is blocked by the audit", Monday, HotfixAsync),
        new("red-button", "The red button after a release swaps back in seconds", Monday, RedButtonAsync),
        new("canary", "A canary at 5%, 25% and 50% before the swap", Monday, CanaryAsync),
        new("alert", "An Azure Monitor alert during the bake rolls back", Monday, AlertAsync),
    ];

    private const string C0 = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    private const string C1 = "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b";
    private const string C2 = "5e6f708192a3b4c5d6e7f8091a2b3c4d1a2b3c4d";
    private const string Hotfix = "77aa88bb99cc00dd11ee22ff33aa44bb55cc66dd";

    private static async Task<ImmutableArray<string>> GoodAsync(SimulatedWorld w)
    {
        w.AddApp("contoso-web", "1.4.2", C0);
        w.Build("contoso-web", "1.5.0", C1, C0);
        await w.SubmitAsync(SimulatedWorld.Request("rel-0042", "contoso-web", "1.5.0", C1, ChangeType.Normal, DatabaseChange.Expand, requestedBy: "github-actions"));
        w.At(w.Now.AddMinutes(12), () => w.Desk.SignalAsync("rel-0042", new ApproveSignal("alice", "looks good", []), w.Now, default));
        w.Run();
        return ["rel-0042"];
    }

    private static async Task<ImmutableArray<string>> BadAsync(SimulatedWorld w)
    {
        w.AddApp("contoso-web", "1.4.2", C0);
        w.Build("contoso-web", "1.5.0", C1, C0);
        w.AppService.SetBehavior("1.5.0", new VersionBehavior(ErrorRate: 0.04, LatencyMedianMs: 95));
        await w.SubmitAsync(SimulatedWorld.Request("rel-0043", "contoso-web", "1.5.0", C1));
        w.Run();
        return ["rel-0043"];
    }

    private static async Task<ImmutableArray<string>> FreezeAsync(SimulatedWorld w)
    {
        var weekend = new ChangeCalendar("Europe/Berlin", [new WeeklyFreeze("Fri 16:00", "Mon 08:00", "weekend freeze")], []);
        w.AddApp("contoso-web", "1.4.2", C0, settings: ReleaseSettings.Default with { Calendar = weekend });
        w.Build("contoso-web", "1.5.0", C1, C0);
        await w.SubmitAsync(SimulatedWorld.Request("rel-0044", "contoso-web", "1.5.0", C1));
        w.At(w.Now.AddMinutes(30), () => w.SubmitAsync(SimulatedWorld.Request("rel-0045", "contoso-web", "1.5.1", C2)));
        // The second build reaches staging only after the first release has swapped (the pipeline deploys when it may).
        w.Desk.Finished += state =>
        {
            if (state.Request!.ReleaseId == "rel-0044") w.Build("contoso-web", "1.5.1", C2, C1);
        };
        w.Run();
        return ["rel-0044", "rel-0045"];
    }

    private static async Task<ImmutableArray<string>> HotfixAsync(SimulatedWorld w)
    {
        w.AddApp("contoso-web", "1.4.2", C0);
        // Production got a hotfix that was never merged back; the candidate is built from main without it.
        w.Source.Commit(Hotfix, C0);
        w.Build("contoso-web", "1.4.3-hotfix", Hotfix, C0);
        await w.AppService.SwapAsync("contoso-web", "1.4.3-hotfix", default);
        w.Build("contoso-web", "1.5.0", C1, C0);
        await w.SubmitAsync(SimulatedWorld.Request("rel-0046", "contoso-web", "1.5.0", C1));
        w.Run();
        return ["rel-0046"];
    }

    private static async Task<ImmutableArray<string>> RedButtonAsync(SimulatedWorld w)
    {
        w.AddApp("contoso-web", "1.4.2", C0);
        w.Build("contoso-web", "1.5.0", C1, C0);
        await w.SubmitAsync(SimulatedWorld.Request("rel-0047", "contoso-web", "1.5.0", C1));
        w.At(w.Now.AddHours(2), async () =>
        {
            var (started, reason, _) = await w.Desk.BackoutAsync("contoso-web", "oncall-bob", "customers report broken exports", w.Now, default);
            if (!started) throw new InvalidOperationException($"the red button was refused: {reason}");
        });
        w.Run();
        return ["rel-0047"];
    }

    private static async Task<ImmutableArray<string>> CanaryAsync(SimulatedWorld w)
    {
        w.AddApp("contoso-web", "1.4.2", C0, requestsPerMinute: 2000);
        w.Build("contoso-web", "1.5.0", C1, C0);
        await w.SubmitAsync(SimulatedWorld.Request("rel-0048", "contoso-web", "1.5.0", C1, canary: new CanaryPlan([5, 25, 50], 10)));
        w.Run();
        return ["rel-0048"];
    }

    private static async Task<ImmutableArray<string>> AlertAsync(SimulatedWorld w)
    {
        w.AddApp("contoso-web", "1.4.2", C0);
        w.Build("contoso-web", "1.5.0", C1, C0);
        await w.SubmitAsync(SimulatedWorld.Request("rel-0049", "contoso-web", "1.5.0", C1));
        var alert = new AlertSignal("alert-7f3a", "contoso-web dependency failures", "Sev1",
            ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/contoso-web"], w.Now.AddMinutes(13), null,
            MonitorCondition.Fired, "Log", "failed calls to the payments API above 5% in 5 minutes");
        w.At(w.Now.AddMinutes(13), () => w.Desk.SignalAsync("rel-0049", new AlertSignalReceived(alert), w.Now, default));
        w.Run();
        return ["rel-0049"];
    }
}
