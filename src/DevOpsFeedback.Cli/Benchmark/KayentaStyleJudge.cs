using DevOpsFeedback.Analysis;
using DevOpsFeedback.Analysis.Statistics;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>
/// Kayenta-style canary judge: per metric (error rate, p95 latency, request rate) a Mann-Whitney test on the
/// per-minute series of candidate and baseline with a 98% confidence level; a metric is "High"/"Low" when the
/// difference is significant in its bad direction and beyond a 10% tolerance. Score = % of metrics that pass;
/// ≥ 95 pass, ≥ 75 marginal (Inconclusive), below fail. A metric with no data is skipped (counted neither way),
/// so a candidate without data can pass — the known weakness.
/// </summary>
public sealed class KayentaStyleJudge : IReleaseJudge
{
    private const double Alpha = 0.02;
    private const double Tolerance = 0.1;

    public string Name => "kayenta-style";

    public Verdict Analyze(AnalysisRequest request)
    {
        var candidate = MinuteSeries.Of(request, request.CandidateVersion, request.StartedAt, request.Now);
        var (from, to) = MinuteSeries.BaselineWindow(request);
        var baseline = MinuteSeries.Of(request, request.BaselineVersion, from, to);
        var shareScale = request.Mode == AnalysisMode.Canary && request.CandidateShare is > 0 and < 100 ? request.CandidateShare / (100 - request.CandidateShare) : 1;
        var metrics = new List<MetricResult>();
        Compare(metrics, "error-rate", candidate.Select(MinuteSeries.ErrorRate), baseline.Select(MinuteSeries.ErrorRate), higherIsBad: true);
        Compare(metrics, "p95", candidate.Select(f => MinuteSeries.P95([f])), baseline.Select(f => MinuteSeries.P95([f])), higherIsBad: true);
        Compare(metrics, "requests", candidate.Select(f => (double)f.Requests), baseline.Select(f => f.Requests * shareScale), higherIsBad: false);
        var judged = metrics.Where(m => m.Phase != VerdictPhase.Inconclusive).ToList();
        var score = judged.Count == 0 ? 100 : 100.0 * judged.Count(m => m.Phase == VerdictPhase.Pass) / judged.Count;
        var phase = score >= 95 ? VerdictPhase.Pass : score >= 75 ? VerdictPhase.Inconclusive : VerdictPhase.Fail;
        var failing = string.Join(", ", judged.Where(m => m.Phase == VerdictPhase.Fail).Select(m => m.Metric));
        return new Verdict(request.Now, phase, $"score {score:0}{(failing.Length > 0 ? $" ({failing})" : "")}", [.. metrics]);
    }

    private static void Compare(List<MetricResult> results, string name, IEnumerable<double> candidateValues, IEnumerable<double> baselineValues, bool higherIsBad)
    {
        var c = candidateValues.Where(double.IsFinite).ToArray();
        var b = baselineValues.Where(double.IsFinite).ToArray();
        if (c.Length < 3 || b.Length < 3)
        {
            results.Add(new MetricResult(name, VerdictPhase.Inconclusive, "no data"));
            return;
        }

        var values = c.Concat(b).Distinct().Order().ToArray();
        var cBins = new double[values.Length];
        var bBins = new double[values.Length];
        foreach (var v in c) cBins[Array.BinarySearch(values, v)]++;
        foreach (var v in b) bBins[Array.BinarySearch(values, v)]++;
        var test = BinnedMannWhitney.Test(cBins, bBins, twoSided: true);
        var cm = Median(c);
        var bm = Median(b);
        var bad = higherIsBad ? cm > bm * (1 + Tolerance) : cm < bm * (1 - Tolerance);
        var fail = test.PValue < Alpha && bad && (higherIsBad ? test.ProbabilityOfSuperiority > 0.5 : test.ProbabilityOfSuperiority < 0.5);
        results.Add(new MetricResult(name, fail ? VerdictPhase.Fail : VerdictPhase.Pass, $"median {cm:0.####} vs {bm:0.####}, p = {test.PValue:0.####}"));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
