using System.CommandLine;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Cli.Benchmark;

namespace DevOpsFeedback.Cli.Commands;

/// <summary>
/// <c>dfb bench judge</c>: generates seeded releases of every kind, runs our judge, three comparators (static alarm,
/// Argo-style, Kayenta-style) and the known-truth oracle through the same bake loop, and prints one table plus timings.
/// </summary>
public static class BenchJudgeCommand
{
    public static Command Create()
    {
        var releases = new Option<int>("--releases") { Description = "Releases to generate (≥ 20)", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 20261122 };
        var backtests = new Option<int>("--backtests") { Description = "Backtests to time", DefaultValueFactory = _ => 1000 };
        var policy = new Option<FileInfo?>("--policy") { Description = "Rollback policy JSON for our judge (defaults when omitted)" };
        releases.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 20) r.AddError("--releases: must be ≥ 20");
        });
        backtests.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--backtests: must be ≥ 1");
        });
        var judge = new Command("judge", "Benchmark the telemetry judge against comparators and an oracle") { releases, seed, backtests, policy };
        judge.SetAction(parse =>
        {
            var rollbackPolicy = new RollbackPolicy();
            if (parse.GetValue(policy) is { } file)
            {
                var parsed = RollbackPolicyParser.Parse(File.ReadAllText(file.FullName));
                if (parsed.Policy is null)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"dfb bench judge: {file.Name}: {string.Join("; ", parsed.Errors)}");
                    return 2;
                }

                rollbackPolicy = parsed.Policy;
            }

            parse.InvocationConfiguration.Output.Write(JudgeBenchmark.Run(parse.GetValue(releases), parse.GetValue(seed), parse.GetValue(backtests), rollbackPolicy));
            return 0;
        });
        return new Command("bench", "Benchmarks") { judge };
    }
}
