using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;

namespace DevOpsFeedback.Cli.Commands;

/// <summary>
/// <c>dfb bench loop</c>: how many whole releases (request → checks → swap → 30-minute bake with 6 analyses → outcome)
/// the virtual-time runtime runs per second, across many apps at once.
/// </summary>
public static class BenchLoopCommand
{
    public static Command Create()
    {
        var releases = new Option<int>("--releases") { Description = "Releases to run", DefaultValueFactory = _ => 2000 };
        var apps = new Option<int>("--apps") { Description = "Apps they are spread over (one runs at a time per app)", DefaultValueFactory = _ => 100 };
        var judge = new Option<string>("--judge") { Description = "statistical (the default judge) or threshold (the SLO judge: what the loop costs without the statistics)", DefaultValueFactory = _ => "statistical" };
        judge.AcceptOnlyFromAmong("statistical", "threshold");
        var command = new Command("loop", "Measure the release loop in virtual time (releases per second)") { releases, apps, judge };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(releases);
            var appCount = parse.GetValue(apps);
            if (n < 1 || appCount < 1)
            {
                await Console.Error.WriteLineAsync("dfb bench loop: --releases and --apps must be at least 1");
                return 2;
            }

            var threshold = parse.GetValue(judge) == "threshold";
            await RunAsync(Math.Min(n, 1000), appCount, threshold); // warm-up: JIT tiering and the judge's boundary tables, so the figure is the steady state
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var pauses = GC.GetTotalPauseDuration();
            var (elapsed, outcomes) = await RunAsync(n, appCount, threshold);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n} releases over {appCount} apps with the {(threshold ? "threshold" : "statistical")} judge in {elapsed.TotalMilliseconds:0} ms: {n / elapsed.TotalSeconds:0} releases/s ({outcomes})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allocated {allocated / 1024.0 / n:0} KB per release; collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; GC pauses {(GC.GetTotalPauseDuration() - pauses).TotalMilliseconds:0} ms ({Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC})"));
            return 0;
        });
        return command;
    }

    public static async Task<(TimeSpan Elapsed, string Outcomes)> RunAsync(int releases, int apps, bool thresholdJudge = false)
    {
        // The threshold judge reads only the candidate's last window, so it is given no baseline history, as a deployment
        // with that judge would be; the statistical judge gets its 3 hours.
        var world = thresholdJudge
            ? new SimulatedWorld(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), seed: 1,
                new DevOpsFeedback.Analysis.ThresholdJudge(DevOpsFeedback.Analysis.SloThresholds.Default), baselineLookback: TimeSpan.Zero)
            : new SimulatedWorld(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), seed: 1);
        const string c0 = "0000000000000000000000000000000000000000";
        for (var a = 0; a < apps; a++) world.AddApp($"app-{a}", "1.0.0", c0, requestsPerMinute: 300);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < releases; i++)
        {
            var app = $"app-{i % apps}";
            var version = $"1.0.{i + 1}";
            var commit = (i + 1).ToString("x40", CultureInfo.InvariantCulture);
            world.Build(app, version, commit, i < apps ? c0 : (i + 1 - apps).ToString("x40", CultureInfo.InvariantCulture));
            await world.SubmitAsync(SimulatedWorld.Request($"r{i}", app, version, commit));
            world.Run();
        }

        watch.Stop();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < releases; i++)
        {
            var status = (await world.StateAsync($"r{i}")).Status;
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        return (watch.Elapsed, string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key}")));
    }
}
