using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>
/// Argo Rollouts-style analysis: one measurement per interval and metric, each judged by a fixed expression;
/// the failure limit lives in the bake policy. Error rate of the last minute must be &lt; 1%; p95 of the last minute
/// must be &lt; 1.5 × the baseline's p95 over the hour before (a threshold a user would write). An empty result
/// evaluates as failed (the NaN/empty-result case that has caused false aborts).
/// </summary>
public sealed class ArgoStyleJudge : IReleaseJudge
{
    public string Name => "argo-style";

    public Verdict Analyze(AnalysisRequest request)
    {
        var last = MinuteSeries.Of(request, request.CandidateVersion, request.Now.AddMinutes(-1), request.Now);
        var requests = last.Sum(f => f.Requests);
        var failures = last.Sum(f => f.Failures);
        var errorRate = requests == 0 ? double.NaN : (double)failures / requests;
        var errorMetric = new MetricResult("error-rate", errorRate < 0.01 ? VerdictPhase.Pass : VerdictPhase.Fail, $"result {errorRate:0.####} < 0.01");
        var (from, to) = request.Mode == AnalysisMode.Canary ? (request.StartedAt.AddMinutes(-60), request.StartedAt) : MinuteSeries.BaselineWindow(request);
        var threshold = 1.5 * MinuteSeries.P95(MinuteSeries.Of(request, request.BaselineVersion, from, to));
        var p95 = MinuteSeries.P95(last);
        var latencyMetric = new MetricResult("p95", p95 < threshold ? VerdictPhase.Pass : VerdictPhase.Fail, $"result {p95:0} < {threshold:0}");
        return Verdict.Worst(request.Now, [errorMetric, latencyMetric]);
    }
}
