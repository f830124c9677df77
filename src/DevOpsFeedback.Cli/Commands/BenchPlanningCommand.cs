using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Cli.Commands;

/// <summary>
/// <c>dfb bench planning</c>: times planning (themes, release linkage, DORA, items, report) over seeded workloads
/// and prints time and peak memory per size. Defaults: 100,000 and 1,000,000 feedback items with 1,000 and 10,000
/// releases (releases scale with items). Targets: &lt; 10 s and &lt; 1 GB at 1M. Run it in Release.
/// <c>cpu_s</c> is the process's CPU time over plan + report: on a shared machine wall time also counts waiting for a core.
/// <see cref="Create"/> returns the <c>planning</c> command; the host adds it under its <c>bench</c> command.
/// </summary>
public static class BenchPlanningCommand
{
    public static Command Create(TimeProvider time)
    {
        var sizesOption = new Option<string>("--sizes") { Description = "Feedback counts, comma-separated", DefaultValueFactory = _ => "100000,1000000" };
        var releasesOption = new Option<int>("--releases-per-100") { Description = "Releases per 100 feedback items", DefaultValueFactory = _ => 1 };
        var appsOption = new Option<int>("--apps") { Description = "Number of apps", DefaultValueFactory = _ => 50 };
        var seedOption = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };

        var planning = new Command("planning", "Benchmark planning over generated feedback and releases");
        planning.Options.Add(sizesOption);
        planning.Options.Add(releasesOption);
        planning.Options.Add(appsOption);
        planning.Options.Add(seedOption);
        planning.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var sizes = new List<int>();
            foreach (var part in parse.GetValue(sizesOption)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 100)
                {
                    await error.WriteLineAsync("--sizes must be comma-separated integers of at least 100");
                    return 2;
                }

                sizes.Add(n);
            }

            var apps = parse.GetValue(appsOption);
            var perHundred = parse.GetValue(releasesOption);
            if (apps is < 1 or > 10_000 || perHundred is < 0 or > 100)
            {
                await error.WriteLineAsync("--apps must be 1–10000 and --releases-per-100 0–100");
                return 2;
            }

            var seed = parse.GetValue(seedOption);
            var now = time.GetUtcNow();
            await output.WriteLineAsync($"planning benchmark: seed {seed}, {apps} apps, {Environment.ProcessorCount} CPUs, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}, server GC {System.Runtime.GCSettings.IsServerGC}");
            await output.WriteLineAsync("feedback   releases  generate_s  plan_s  report_s  total_s  cpu_s  peak_ws_MB  heap_after_MB  alloc_MB  themes  items  flagged_versions");
            foreach (var size in sizes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var generate = Stopwatch.StartNew();
                var workload = PlanningWorkload.Generate(size, size / 100 * perHundred, apps, seed, now);
                generate.Stop();

                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
                TimeSpan cpuBefore;
                using (var before = Process.GetCurrentProcess()) cpuBefore = before.TotalProcessorTime;
                var plan = Stopwatch.StartNew();
                var outcome = PlanningEngine.Plan(workload.Input);
                plan.Stop();
                var report = Stopwatch.StartNew();
                var markdown = PlanningReport.Render(outcome);
                report.Stop();
                var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;

                using var process = Process.GetCurrentProcess();
                process.Refresh();
                var cpu = process.TotalProcessorTime - cpuBefore;
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{size,8}  {workload.Input.Deployments.Count,9}  {generate.Elapsed.TotalSeconds,10:F2}  {plan.Elapsed.TotalSeconds,6:F2}  {report.Elapsed.TotalSeconds,8:F3}  {(plan.Elapsed + report.Elapsed).TotalSeconds,7:F2}  {cpu.TotalSeconds,5:F2}  {process.PeakWorkingSet64 / 1048576.0,10:F0}  {GC.GetTotalMemory(false) / 1048576.0,13:F0}  {allocated / 1048576.0,8:F0}  {outcome.Themes.Length,6}  {outcome.Items.Length,5}  {outcome.Linkage.Count(v => !v.Flags.IsEmpty),16}");
                await output.WriteLineAsync(line);
                GC.KeepAlive(markdown);
                GC.KeepAlive(workload);
            }

            return 0;
        });

        return planning;
    }
}
