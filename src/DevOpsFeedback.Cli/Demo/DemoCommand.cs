using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;
using Spectre.Console;

namespace DevOpsFeedback.Cli.Demo;

/// <summary><c>dfb demo</c>: the release loop end to end in virtual time, as a readable timeline.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = $"One of: all, {string.Join(", ", DemoScenarios.All.Select(s => s.Name))}", DefaultValueFactory = _ => "all" };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated traffic", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Run release scenarios in virtual time against a simulated App Service") { scenario, seed };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(scenario)!, parse.GetValue(seed), AnsiConsole.Console, Console.Error));
        return command;
    }

    public static async Task<int> RunAsync(string scenarioName, int seed, IAnsiConsole console, TextWriter error)
    {
        var chosen = scenarioName == "all" ? [.. DemoScenarios.All] : DemoScenarios.All.Where(s => s.Name == scenarioName).ToList();
        if (chosen.Count == 0)
        {
            await error.WriteLineAsync($"dfb demo: unknown scenario '{scenarioName}'; choose one of: all, {string.Join(", ", DemoScenarios.All.Select(s => s.Name))}");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        foreach (var s in chosen)
        {
            var world = new SimulatedWorld(s.Start, seed);
            var ids = await s.Script(world);
            await PrintAsync(console, s, world, ids);
        }

        console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0} scenario(s) in {1:0} ms of real time (seed {2}).[/]", chosen.Count, watch.Elapsed.TotalMilliseconds, seed);
        return 0;
    }

    private static async Task PrintAsync(IAnsiConsole console, DemoScenario s, SimulatedWorld world, IReadOnlyList<string> ids)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(s.Name)}[/]: {Markup.Escape(s.Title)}") { Justification = Justify.Left });
        var table = new Table().Border(TableBorder.Simple).AddColumn("Time (UTC)").AddColumn("Release").AddColumn("What happened");
        var rows = new List<(DateTimeOffset At, string Id, long Order, ReleaseEvent Event)>();
        foreach (var id in ids)
        {
            var events = await world.EventsAsync(id);
            rows.AddRange(events.Select((e, i) => (e.At, id, (long)i, e)));
        }

        foreach (var row in rows.OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Order))
        {
            if (row.Event is VerdictRecorded { Verdict.Phase: Analysis.VerdictPhase.Pass } v && v.Look is > 1 and < 6 && rows.Count > 30) continue;
            table.AddRow(
                Markup.Escape(row.At.ToString("ddd HH:mm", CultureInfo.InvariantCulture)),
                Markup.Escape(row.Id),
                Colour(row.Event, Markup.Escape(ReleaseEventText.Describe(row.Event))));
        }

        console.Write(table);
        foreach (var id in ids)
        {
            var state = await world.StateAsync(id);
            console.MarkupLine(CultureInfo.InvariantCulture, "  {0} → [bold]{1}[/]: {2}", Markup.Escape(id), Markup.Escape(state.Status), Markup.Escape(state.OutcomeReason ?? ""));
        }

        var slots = await world.AppService.ReadSlotsAsync(world.AppService.Apps[0], default);
        console.MarkupLine(CultureInfo.InvariantCulture, "  production runs [bold]{0}[/], staging holds {1}; {2} swap(s) in the App Service log",
            Markup.Escape(slots.Production.Version ?? "?"), Markup.Escape(slots.Staging.Version ?? "?"), world.AppService.SwapLog.Length);
        console.WriteLine();
    }

    private static string Colour(ReleaseEvent e, string text) => e switch
    {
        ReleaseSucceeded => $"[green]{text}[/]",
        ReleaseRolledBack or RollbackStarted or ReleaseRollbackFailed or ReleaseAborted => $"[red]{text}[/]",
        ReleaseBlocked or AuditFailed or ReleaseRejected or HumansPaged => $"[yellow]{text}[/]",
        SlotsSwapped or SlotsSwappedBack => $"[bold]{text}[/]",
        VerdictRecorded { Verdict.Phase: Analysis.VerdictPhase.Fail } => $"[red]{text}[/]",
        _ => text,
    };
}
