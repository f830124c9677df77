using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Analysis.Statistics;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Analysis;

/// <summary>
/// The telemetry judge. Per analysis it compares candidate with baseline on error rate (two-proportion test,
/// quasi-binomial for bursty errors), latency (Mann-Whitney on the histograms with a p50/p95 shift as effect size)
/// and traffic loss, plus absolute SLO limits. Alpha is spent across the planned looks of the bake, a metric must
/// also show a meaningful effect, and it fails only when it failed in <see cref="JudgePolicy.Consecutive"/> analyses
/// in a row (earlier looks are re-evaluated from the frames given: the judge is pure and stateless).
/// Too few samples give Inconclusive, never Pass or Fail; invalid telemetry gives Error.
/// </summary>
public sealed class StatisticalJudge(JudgePolicy policy) : IReleaseJudge
{
    private const int CanaryTrafficMinutes = 10;

    /// <summary>Blue-green: minutes on each side of the swap compared for a step in traffic.</summary>
    private const int StepMinutes = 5;

    public StatisticalJudge()
        : this(new JudgePolicy())
    {
    }

    public JudgePolicy Policy { get; } = policy;

    public string Name => "statistical";

    public Verdict Analyze(AnalysisRequest request)
    {
        Validate(request);
        if (FindInvalidFrame(request.Frames) is { } invalid) return Verdict.Error(request.Now, $"telemetry invalid: {invalid}");

        var bounds = request.Frames.Select(f => f.Latency).FirstOrDefault(l => l is not null)?.BoundsMs ?? [];
        var interval = TimeSpan.FromMinutes(Math.Max(1, Math.Round((request.Now - request.StartedAt).TotalMinutes / request.Look)));
        var current = Evaluate(request, bounds, request.Now, request.Look);
        if (current.Count == 0) return new Verdict(request.Now, VerdictPhase.Inconclusive, "no metric could be judged", []);

        var results = ImmutableArray.CreateBuilder<MetricResult>(current.Count);
        foreach (var outcome in current)
        {
            if (!outcome.Significant)
            {
                results.Add(new MetricResult(outcome.Metric, outcome.Phase, outcome.Reason));
                continue;
            }

            var streak = 1;
            for (var back = 1; back < Policy.Consecutive && request.Look - back >= 1; back++)
            {
                var earlier = Evaluate(request, bounds, request.Now - interval * back, request.Look - back);
                if (!earlier.Any(o => o.Metric == outcome.Metric && o.Significant)) break;
                streak++;
            }

            var inARow = streak == 1 ? "1 analysis" : $"{streak} analyses in a row";
            results.Add(streak >= Policy.Consecutive
                ? new MetricResult(outcome.Metric, VerdictPhase.Fail, $"{outcome.Reason}, {inARow}")
                : new MetricResult(outcome.Metric, VerdictPhase.Inconclusive, $"{outcome.Reason}, {inARow} (needs {Policy.Consecutive} in a row)"));
        }

        return Verdict.Worst(request.Now, results);
    }

    private static void Validate(AnalysisRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.BaselineVersion)) throw new ArgumentException("BaselineVersion: must not be empty", nameof(r));
        if (string.IsNullOrWhiteSpace(r.CandidateVersion)) throw new ArgumentException("CandidateVersion: must not be empty", nameof(r));
        if (r.BaselineVersion == r.CandidateVersion) throw new ArgumentException("CandidateVersion: must differ from BaselineVersion", nameof(r));
        if (r.Now <= r.StartedAt) throw new ArgumentException("Now: must be after StartedAt", nameof(r));
        if (r.Look < 1) throw new ArgumentException("Look: must be ≥ 1", nameof(r));
        if (r.PlannedLooks < 1) throw new ArgumentException("PlannedLooks: must be ≥ 1", nameof(r));
        if (!(r.CandidateShare is >= 0 and <= 100)) throw new ArgumentException("CandidateShare: must be between 0 and 100", nameof(r));
        if (r.Frames.IsDefault) throw new ArgumentException("Frames: must not be default", nameof(r));
    }

    private static string? FindInvalidFrame(ImmutableArray<TelemetryFrame> frames)
    {
        ImmutableArray<double>? bounds = null;
        foreach (var f in frames)
        {
            if (f.Requests < 0 || f.Failures < 0) return $"{At(f)}: negative count";
            if (f.Failures > f.Requests) return $"{At(f)}: failures {f.Failures} > requests {f.Requests}";
            if (f.Latency is not { } h) continue;
            if (h.BoundsMs.Length != h.Cumulative.Length) return $"{At(f)}: {h.BoundsMs.Length} latency bounds but {h.Cumulative.Length} counts";
            bounds ??= h.BoundsMs;
            if (bounds.Value != h.BoundsMs && !bounds.Value.SequenceEqual(h.BoundsMs)) return $"{At(f)}: latency bounds differ from other frames";
            long previous = 0;
            foreach (var c in h.Cumulative)
            {
                if (c < previous) return $"{At(f)}: latency buckets are not cumulative";
                previous = c;
            }

            if (previous > f.Requests) return $"{At(f)}: latency bucket count {previous} > requests {f.Requests}";
        }

        return null;
    }

    private static string At(TelemetryFrame f) => $"{f.Version} at {f.Time.UtcDateTime:yyyy-MM-ddTHH:mm}Z";

    private List<Outcome> Evaluate(AnalysisRequest r, ImmutableArray<double> bounds, DateTimeOffset now, int look)
    {
        var windowMinutes = Math.Max(1, (int)Math.Ceiling((now - r.StartedAt).TotalMinutes));
        var baselineFrom = r.Mode == AnalysisMode.Canary ? r.StartedAt : r.StartedAt - TimeSpan.FromMinutes(Policy.BaselineMinutes);
        var baselineTo = r.Mode == AnalysisMode.Canary ? now : r.StartedAt;
        var baselineMinutes = Math.Max(1, (int)Math.Ceiling((baselineTo - baselineFrom).TotalMinutes));
        var bins = bounds.Length + 1;
        var candidate = new WindowStats(windowMinutes, bins);
        var baseline = new WindowStats(baselineMinutes, bins);
        // Blue-green traffic is the app's: requests per minute served by either version before and after the swap, so the
        // minute the swap straddles, a canary before it, and requests the old version still drains all count where they happened.
        var appBefore = new long[baselineMinutes];
        var appAfter = new long[windowMinutes];
        foreach (var f in r.Frames)
        {
            if (f.Version == r.CandidateVersion && f.Time >= r.StartedAt && f.Time < now)
                candidate.Add((int)(f.Time - r.StartedAt).TotalMinutes, f);
            else if (f.Version == r.BaselineVersion && f.Time >= baselineFrom && f.Time < baselineTo)
                baseline.Add((int)(f.Time - baselineFrom).TotalMinutes, f);
            if (r.Mode != AnalysisMode.BlueGreen || (f.Version != r.CandidateVersion && f.Version != r.BaselineVersion)) continue;
            if (f.Time >= baselineFrom && f.Time < r.StartedAt) appBefore[(int)(f.Time - baselineFrom).TotalMinutes] += f.Requests;
            else if (f.Time >= r.StartedAt && f.Time < now) appAfter[(int)(f.Time - r.StartedAt).TotalMinutes] += f.Requests;
        }

        var outcomes = new List<Outcome>(4);
        if (candidate.Requests == 0 && baseline.Requests == 0)
        {
            outcomes.Add(Outcome.Inconclusive("telemetry", "no telemetry for either version"));
            return outcomes;
        }

        var alpha = AlphaSpending.NominalLevel(Policy.Spending, Policy.Significance, look, Math.Max(look, r.PlannedLooks));
        if (Policy.ErrorRate.Enabled) outcomes.Add(ErrorRate(candidate, baseline, alpha));
        if (Policy.Latency.Enabled && (candidate.LatencySamples > 0 || baseline.LatencySamples > 0)) outcomes.Add(Latency(bounds, candidate, baseline, alpha));
        if (Policy.Traffic.Enabled) outcomes.Add(r.Mode == AnalysisMode.Canary ? CanaryTraffic(candidate, baseline, r.CandidateShare, alpha) : BlueGreenTraffic(appBefore, appAfter, alpha));
        if (Policy.Slo.MaxErrorRate is { } maxRate) outcomes.Add(SloErrorRate(candidate, maxRate, alpha));
        if (Policy.Slo.MaxP95Ms is { } maxP95) outcomes.Add(SloLatency(bounds, candidate, maxP95));
        return outcomes;
    }

    private Outcome ErrorRate(WindowStats c, WindowStats b, double alpha)
    {
        const string Metric = "error-rate";
        if (c.Requests < Policy.MinRequests || b.Requests < Policy.MinRequests)
            return Outcome.Inconclusive(Metric, $"error rate: too few requests ({c.Requests} candidate, {b.Requests} baseline; need {Policy.MinRequests} each)");
        var pc = (double)c.Failures / c.Requests;
        var pb = (double)b.Failures / b.Requests;
        // Each version's minutes carry their own burst noise: the candidate's bursts are as much noise as the baseline's,
        // and a uniform regression raises the rate without making the candidate's minutes overdispersed (no power lost).
        var baselineDispersion = Dispersion.Binomial(b.RequestsPerMinute, b.FailuresPerMinute);
        var candidateDispersion = Dispersion.Binomial(c.RequestsPerMinute, c.FailuresPerMinute);
        var test = ProportionTest.TwoProportionGreater(c.Failures, c.Requests, b.Failures, b.Requests, candidateDispersion, baselineDispersion);
        if (Math.Max(baselineDispersion, candidateDispersion) > 1)
        {
            // Bursts make a few candidate minutes far from normal: refer z to Student's t with (candidate minutes − 1) df.
            var minutes = c.RequestsPerMinute.Count(n => n > 0);
            test = test with { PValue = 1 - MathNet.Numerics.Distributions.StudentT.CDF(0, 1, Math.Max(1, minutes - 1), test.Statistic) };
        }

        if (c.Failures + b.Failures < 1000)
            test = test with { PValue = Math.Max(test.PValue, ProportionTest.ConditionalBinomialMidPGreater(c.Failures, c.Requests, b.Failures, b.Requests)) };
        var meaningful = pc >= pb * Policy.ErrorRate.MinRatio && pc - pb >= Policy.ErrorRate.MinIncrease;
        var reason = $"error rate {Percent(pc)} vs {Percent(pb)}, {PValue(test.PValue)}";
        return test.PValue < alpha && meaningful ? Outcome.Failing(Metric, reason) : Outcome.Pass(Metric, reason);
    }

    private Outcome Latency(ImmutableArray<double> bounds, WindowStats c, WindowStats b, double alpha)
    {
        const string Metric = "latency";
        if (c.LatencySamples < Policy.MinLatencySamples || b.LatencySamples < Policy.MinLatencySamples)
            return Outcome.Inconclusive(Metric, $"latency: too few samples ({c.LatencySamples} candidate, {b.LatencySamples} baseline; need {Policy.MinLatencySamples} each)");
        var test = BinnedMannWhitney.Test(c.LatencyBins, b.LatencyBins);
        var p50c = HistogramMath.Percentile(bounds.AsSpan(), c.LatencyBins, 0.5);
        var p50b = HistogramMath.Percentile(bounds.AsSpan(), b.LatencyBins, 0.5);
        var p95c = HistogramMath.Percentile(bounds.AsSpan(), c.LatencyBins, 0.95);
        var p95b = HistogramMath.Percentile(bounds.AsSpan(), b.LatencyBins, 0.95);
        var shift50 = Shift(p50c, p50b);
        var shift95 = Shift(p95c, p95b);
        var meaningful = test.ProbabilityOfSuperiority > 0.5 && (shift50 >= Policy.Latency.MinShift || shift95 >= Policy.Latency.MinShift);
        var reason = $"p95 latency {Ms(p95c)} vs {Ms(p95b)} ({Signed(shift95)}), p50 {Ms(p50c)} vs {Ms(p50b)} ({Signed(shift50)}), rank test {PValue(test.PValue)}";
        return test.PValue < alpha && meaningful ? Outcome.Failing(Metric, reason) : Outcome.Pass(Metric, reason);
    }

    /// <summary>
    /// Blue-green traffic loss, two one-sided tests at α/2 each on the app's requests per minute: the whole window since the
    /// swap against the history before it (a loss that builds up), and the first minutes after the swap against the same number
    /// of minutes just before it (a step at the swap: a daily peak or trough moves traffic by a few percent in that time, a
    /// broken route halves it). Neither variance is taken below Poisson.
    /// </summary>
    private Outcome BlueGreenTraffic(long[] before, long[] after, double alpha)
    {
        const string Metric = "traffic";
        var baseRate = Mean(before, 0, before.Length);
        if (baseRate * after.Length < Policy.MinRequests)
            return Outcome.Inconclusive(Metric, $"traffic: too little traffic before the swap to judge a loss ({baseRate:0.#}/min)");
        // The whole-window test takes the history's spread around its mean (a trend in it widens the noise: a slow fall over
        // three hours is not a loss); the step test takes successive differences (the noise of one minute to the next).
        double spread = 0, steps = 0;
        for (var i = 0; i < before.Length; i++)
        {
            spread += (before[i] - baseRate) * (before[i] - baseRate);
            if (i > 0) steps += (double)(before[i] - before[i - 1]) * (before[i] - before[i - 1]);
        }

        spread /= Math.Max(1, before.Length - 1);
        var noise = before.Length > 1 ? steps / (2.0 * (before.Length - 1)) : 0;

        var afterRate = Mean(after, 0, after.Length);
        var whole = Loss(baseRate, before.Length, afterRate, after.Length, Math.Max(baseRate, spread));
        var reason = $"traffic {afterRate:0.#}/min vs {baseRate:0.#}/min before the swap ({Signed(-whole.Drop)}), {PValue(whole.P)}";
        if (whole.P < alpha / 2 && whole.Drop >= Policy.Traffic.MaxDrop) return Outcome.Failing(Metric, reason);

        var span = Math.Min(StepMinutes, Math.Min(after.Length, before.Length));
        var justBefore = Mean(before, before.Length - span, span);
        var justAfter = Mean(after, 0, span);
        if (justBefore * span >= Policy.MinRequests)
        {
            var step = Loss(justBefore, span, justAfter, span, Math.Max(justBefore, noise));
            if (step.P < alpha / 2 && step.Drop >= Policy.Traffic.MaxDrop)
                return Outcome.Failing(Metric, $"traffic {justAfter:0.#}/min in the {Minutes(span)} after the swap vs {justBefore:0.#}/min in the {Minutes(span)} before ({Signed(-step.Drop)}), {PValue(step.P)}");
        }

        return Outcome.Pass(Metric, reason);
    }

    private static (double Drop, double P) Loss(double beforeRate, int beforeMinutes, double afterRate, int afterMinutes, double variance)
    {
        var z = (beforeRate - afterRate) / Math.Sqrt(variance / afterMinutes + variance / beforeMinutes);
        return (beforeRate <= 0 ? 0 : 1 - afterRate / beforeRate, ProportionTest.UpperTail(z));
    }

    private static double Mean(long[] perMinute, int from, int count)
    {
        long sum = 0;
        for (var i = from; i < from + count; i++) sum += perMinute[i];
        return count == 0 ? 0 : (double)sum / count;
    }

    private static string Minutes(int count) => count == 1 ? "minute" : $"{count} minutes";

    private Outcome CanaryTraffic(WindowStats c, WindowStats b, double sharePercent, double alpha)
    {
        const string Metric = "traffic";
        var share = sharePercent / 100;
        if (share is <= 0 or >= 1) return Outcome.Pass(Metric, $"traffic: canary share {sharePercent:0.#}% leaves nothing to compare");
        var minutes = Math.Min(CanaryTrafficMinutes, c.Minutes);
        var cand = c.RequestsInLast(minutes);
        var total = cand + b.RequestsInLast(minutes);
        if (total * share < Policy.MinRequests)
            return Outcome.Inconclusive(Metric, $"traffic: too few requests to judge a loss ({total} in the last {minutes} min)");
        var observed = (double)cand / total;
        var z = (share - observed) / Math.Sqrt(share * (1 - share) / total);
        var p = ProportionTest.UpperTail(z);
        var drop = 1 - observed / share;
        var reason = $"canary share {Percent(observed)} of traffic vs {Percent(share)} routed ({Signed(-drop)}), {PValue(p)}";
        return p < alpha && drop >= Policy.Traffic.MaxDrop ? Outcome.Failing(Metric, reason) : Outcome.Pass(Metric, reason);
    }

    private Outcome SloErrorRate(WindowStats c, double limit, double alpha)
    {
        const string Metric = "slo-error-rate";
        if (c.Requests < Policy.MinRequests)
            return Outcome.Inconclusive(Metric, $"error-rate SLO: too few candidate requests ({c.Requests}; need {Policy.MinRequests})");
        var rate = (double)c.Failures / c.Requests;
        var test = ProportionTest.OneProportionGreater(c.Failures, c.Requests, limit);
        var reason = $"error rate {Percent(rate)} vs SLO {Percent(limit)}, {PValue(test.PValue)}";
        return test.PValue < alpha ? Outcome.Failing(Metric, reason) : Outcome.Pass(Metric, reason);
    }

    private Outcome SloLatency(ImmutableArray<double> bounds, WindowStats c, double limitMs)
    {
        const string Metric = "slo-latency";
        if (c.LatencySamples < Policy.MinLatencySamples)
            return Outcome.Inconclusive(Metric, $"latency SLO: too few candidate samples ({c.LatencySamples}; need {Policy.MinLatencySamples})");
        var p95 = HistogramMath.Percentile(bounds.AsSpan(), c.LatencyBins, 0.95);
        var reason = $"p95 latency {Ms(p95)} vs SLO {Ms(limitMs)}";
        return p95 > limitMs ? Outcome.Failing(Metric, reason) : Outcome.Pass(Metric, reason);
    }

    private static double Shift(double candidate, double baseline) =>
        double.IsNaN(candidate) || double.IsNaN(baseline) ? 0
        : double.IsPositiveInfinity(candidate) ? (double.IsPositiveInfinity(baseline) ? 0 : double.PositiveInfinity)
        : baseline <= 0 ? 0 : candidate / baseline - 1;

    internal static string Percent(double rate) =>
        (rate * 100).ToString(rate < 0.01 ? "0.0#" : "0.#", CultureInfo.InvariantCulture) + "%";

    internal static string PValue(double p) =>
        p < 1e-6 ? "p < 1e-6" : "p = " + p.ToString(p < 0.001 ? "0.0e0" : "0.###", CultureInfo.InvariantCulture);

    private static string Ms(double ms) =>
        double.IsPositiveInfinity(ms) ? "> 10 s" : double.IsNaN(ms) ? "n/a" : ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Signed(double shift) =>
        double.IsPositiveInfinity(shift) ? "+∞" : (shift >= 0 ? "+" : "−") + Math.Abs(shift * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private readonly record struct Outcome(string Metric, VerdictPhase Phase, bool Significant, string Reason)
    {
        public static Outcome Pass(string metric, string reason) => new(metric, VerdictPhase.Pass, false, reason);

        public static Outcome Inconclusive(string metric, string reason) => new(metric, VerdictPhase.Inconclusive, false, reason);

        public static Outcome Failing(string metric, string reason) => new(metric, VerdictPhase.Fail, true, reason);
    }
}
