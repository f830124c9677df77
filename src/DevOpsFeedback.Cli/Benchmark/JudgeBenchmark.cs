using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Backtest;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>Runs every judge over the generated releases through the same release loop (<see cref="BacktestRunner"/>, virtual time) and prints one table and the timings.</summary>
public static class JudgeBenchmark
{
    private static readonly ReleaseKind[] Regressions =
        [ReleaseKind.ErrorRateX1Point5, ReleaseKind.ErrorRateX2, ReleaseKind.ErrorRateX5, ReleaseKind.P95Plus30, ReleaseKind.P95Plus100, ReleaseKind.SlowBurn, ReleaseKind.TrafficLoss];

    /// <summary>One judge with the bake policy it runs under.</summary>
    public sealed record Contender(IReleaseJudge Judge, RollbackPolicy Policy);

    /// <summary>The judges compared: ours with its default policy and the three comparators.</summary>
    public static ImmutableArray<Contender> Contenders(RollbackPolicy ours) =>
    [
        new(new StatisticalJudge(ours.Judge), ours),
        new(new StaticAlarmJudge(), ours with { FailureLimit = 0 }),
        new(new ArgoStyleJudge(), ours with { FailureLimit = 2 }),
        new(new KayentaStyleJudge(), ours with { FailureLimit = 0 }),
    ];

    public static string Run(int count, int seed, int backtests, RollbackPolicy policy)
    {
        var text = new StringBuilder();
        var generation = Stopwatch.StartNew();
        var releases = ReleaseGenerator.Generate(count, seed);
        generation.Stop();
        text.Append(CultureInfo.InvariantCulture, $"dfb bench judge: {count} releases, seed {seed}, bake {policy.BakeMinutes} min, analysis every {policy.IntervalMinutes} min (generated in {generation.Elapsed.TotalSeconds:0.0} s)\n");
        text.Append(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}\n");
        text.Append("healthy = healthy + noisy at 200–3,000 candidate req/min; regressions at 200–3,000; low traffic 5–20 req/min (app total)\n\n");

        var oracle = releases.Select(r => Oracle.Detect(r, policy.Judge.Significance)).ToImmutableArray();
        var contenders = Contenders(policy);
        var results = contenders.Select(c => releases.Select(r => BacktestRunner.Run(r.Release, r.Frames, c.Policy, c.Judge)).ToImmutableArray()).ToImmutableArray();

        var header = new List<string> { "judge", "false rb" };
        header.AddRange(Regressions.Select(k => k.Label()));
        header.AddRange(["min err×5", "min all", "low: rb/hold/ok"]);
        var rows = new List<List<string>> { header };
        for (var j = 0; j < contenders.Length; j++)
        {
            rows.Add(Row(contenders[j].Judge.Name, releases, i => results[j][i].Decision == BacktestDecision.Rollback ? (int)(results[j][i].DecidedAt - releases[i].Release.StartedAt).TotalMinutes : null,
                i => results[j][i].Decision));
        }

        rows.Add(Row("oracle", releases, i => oracle[i], i => oracle[i] is null ? BacktestDecision.Promote : BacktestDecision.Rollback));
        var ratio = new List<string> { "dfb ÷ oracle", "" };
        foreach (var kind in Regressions)
        {
            var detectable = Enumerable.Range(0, releases.Length).Where(i => releases[i].Kind == kind && oracle[i] is not null).ToList();
            var caught = detectable.Count(i => results[0][i].Decision == BacktestDecision.Rollback);
            ratio.Add(detectable.Count == 0 ? "n/a" : Pct((double)caught / detectable.Count));
        }

        ratio.AddRange(["", "", ""]);
        rows.Add(ratio);
        AppendTable(text, rows);

        var healthyCanary = Split(releases, results[0], AnalysisMode.Canary);
        var healthyBlueGreen = Split(releases, results[0], AnalysisMode.BlueGreen);
        text.Append(CultureInfo.InvariantCulture, $"\ndfb false rollbacks by mode: canary {healthyCanary}, blue-green {healthyBlueGreen}; with a traffic peak: {PeakFalse(releases, results[0])}\n");
        foreach (var i in Enumerable.Range(0, releases.Length).Where(i => releases[i].Kind is ReleaseKind.Healthy or ReleaseKind.HealthyNoisy && results[0][i].Decision == BacktestDecision.Rollback))
        {
            var r = releases[i];
            var minute = (int)(results[0][i].DecidedAt - r.Release.StartedAt).TotalMinutes;
            text.Append(CultureInfo.InvariantCulture, $"  false rollback: release {r.Id} ({r.Kind.Label()}, {Describe(r)}) at minute {minute}: {results[0][i].Reason}\n");
        }

        foreach (var i in Enumerable.Range(0, releases.Length).Where(i => !releases[i].Kind.IsHealthy() && oracle[i] is not null && results[0][i].Decision != BacktestDecision.Rollback))
        {
            var r = releases[i];
            text.Append(CultureInfo.InvariantCulture, $"  missed (the oracle caught it at minute {oracle[i]}): release {r.Id} ({r.Kind.Label()}, {Describe(r)}): {results[0][i].Decision.ToString().ToLowerInvariant()}, {results[0][i].Reason}\n");
        }

        text.Append("columns: false rb = rollbacks of healthy releases; per kind = share rolled back; min = median minutes from start to rollback;\n");
        text.Append("low = low-traffic healthy releases: rolled back / held (inconclusive) / promoted. oracle: known-truth tests at the same α.\n\n");
        AppendTimings(text, releases, backtests, policy);
        return text.ToString();
    }

    private static string Describe(GeneratedRelease r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(r.Release.Mode == AnalysisMode.Canary ? $"canary {r.Release.CanarySteps[0].Percent:0}%" : "blue-green")}{(r.HasPeak ? ", peak" : "")}, {r.CandidateRpm:0} req/min, healthy error rate {r.Truth[0].ErrorRate * 100:0.00}%");

    private static List<string> Row(string name, ImmutableArray<GeneratedRelease> releases, Func<int, int?> rollbackMinute, Func<int, BacktestDecision> decision)
    {
        var row = new List<string> { name };
        var healthy = Enumerable.Range(0, releases.Length).Where(i => releases[i].Kind is ReleaseKind.Healthy or ReleaseKind.HealthyNoisy).ToList();
        row.Add($"{Pct((double)healthy.Count(i => rollbackMinute(i) is not null) / healthy.Count)} ({healthy.Count(i => rollbackMinute(i) is not null)}/{healthy.Count})");
        foreach (var kind in Regressions)
        {
            var ofKind = Enumerable.Range(0, releases.Length).Where(i => releases[i].Kind == kind).ToList();
            row.Add(Pct((double)ofKind.Count(i => rollbackMinute(i) is not null) / ofKind.Count));
        }

        row.Add(Median(Enumerable.Range(0, releases.Length).Where(i => releases[i].Kind == ReleaseKind.ErrorRateX5).Select(rollbackMinute)));
        row.Add(Median(Enumerable.Range(0, releases.Length).Where(i => !releases[i].Kind.IsHealthy()).Select(rollbackMinute)));
        var low = Enumerable.Range(0, releases.Length).Where(i => releases[i].Kind == ReleaseKind.LowTraffic).ToList();
        row.Add($"{Pct(Share(low, i => decision(i) == BacktestDecision.Rollback))}/{Pct(Share(low, i => decision(i) == BacktestDecision.Hold))}/{Pct(Share(low, i => decision(i) == BacktestDecision.Promote))}");
        return row;
    }

    private static double Share(List<int> items, Func<int, bool> predicate) => items.Count == 0 ? 0 : (double)items.Count(predicate) / items.Count;

    private static string Split(ImmutableArray<GeneratedRelease> releases, ImmutableArray<BacktestResult> results, AnalysisMode mode)
    {
        var healthy = Enumerable.Range(0, releases.Length).Where(i => releases[i].Kind is ReleaseKind.Healthy or ReleaseKind.HealthyNoisy && releases[i].Release.Mode == mode).ToList();
        return $"{healthy.Count(i => results[i].Decision == BacktestDecision.Rollback)}/{healthy.Count}";
    }

    private static string PeakFalse(ImmutableArray<GeneratedRelease> releases, ImmutableArray<BacktestResult> results)
    {
        var healthy = Enumerable.Range(0, releases.Length).Where(i => releases[i].Kind is ReleaseKind.Healthy or ReleaseKind.HealthyNoisy && releases[i].HasPeak).ToList();
        return $"{healthy.Count(i => results[i].Decision == BacktestDecision.Rollback)}/{healthy.Count}";
    }

    private static void AppendTimings(StringBuilder text, ImmutableArray<GeneratedRelease> releases, int backtests, RollbackPolicy policy)
    {
        var judge = new StatisticalJudge(policy.Judge);
        foreach (var (label, candidateRate) in new[] { ("healthy", 0.005), ("failing, 2 looks re-evaluated", 0.05) })
        {
            var request = DayOfTwoVersions(candidateRate);
            for (var i = 0; i < 20; i++) judge.Analyze(request);
            const int Runs = 200;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Runs; i++) judge.Analyze(request);
            watch.Stop();
            text.Append(CultureInfo.InvariantCulture, $"one analysis over 24 h of two versions (2,880 frames with histograms, {label}): {watch.Elapsed.TotalMilliseconds / Runs:0.000} ms (mean of {Runs})\n");
        }

        var n = Math.Min(backtests, releases.Length);
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) BacktestRunner.Run(releases[i].Release, releases[i].Frames, policy, judge);
        timer.Stop();
        text.Append(CultureInfo.InvariantCulture, $"{n} backtests through the release loop in virtual time ({policy.PlannedLooks} analyses each over {ReleaseGenerator.HistoryMinutes + ReleaseGenerator.BakeMinutes} minutes of telemetry, one thread): {timer.Elapsed.TotalSeconds:0.00} s ({timer.Elapsed.TotalMilliseconds / n:0.00} ms per release)\n");
    }

    private static AnalysisRequest DayOfTwoVersions(double candidateRate)
    {
        var start = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var sampler = new Sampler(7);
        var cdf = ReleaseGenerator.Cdf(LatencyHistogram.StandardBoundsMs, 120, 0.6, 1, 0);
        var frames = ImmutableArray.CreateBuilder<TelemetryFrame>(2880);
        for (var m = 0; m < 1440; m++)
        {
            foreach (var (version, rate) in new[] { ("1.0", 0.005), ("2.0", candidateRate) })
            {
                var requests = sampler.Poisson(1000);
                var cumulative = cdf.Select(p => (long)Math.Round(p * requests)).ToArray();
                frames.Add(new TelemetryFrame(start.AddMinutes(m), version, requests, sampler.Binomial(requests, rate), new LatencyHistogram(LatencyHistogram.StandardBoundsMs, [.. cumulative])));
            }
        }

        return new AnalysisRequest(AnalysisMode.Canary, "1.0", "2.0", start, start.AddDays(1), 1440, 1440, 50, frames.MoveToImmutable());
    }

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Median(IEnumerable<int?> minutes)
    {
        var sorted = minutes.Where(m => m is not null).Select(m => m!.Value).Order().ToArray();
        if (sorted.Length == 0) return "—";
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return median.ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static void AppendTable(StringBuilder text, List<List<string>> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])))).Append('\n');
        }
    }
}
