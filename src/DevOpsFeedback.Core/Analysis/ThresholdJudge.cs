using System.Globalization;

namespace DevOpsFeedback.Analysis;

/// <summary>Absolute SLO limits: error rate and p95 latency, with a minimum request count.</summary>
public sealed record SloThresholds(double MaxErrorRate, double MaxP95Ms, long MinRequests, TimeSpan Window)
{
    public static readonly SloThresholds Default = new(0.01, 1000, 100, TimeSpan.FromMinutes(5));
}

/// <summary>
/// The simple judge: the candidate's last <see cref="SloThresholds.Window"/> against absolute limits, in the
/// spirit of an Argo Rollouts measurement. Too few requests is Inconclusive, never Pass or Fail; failure,
/// inconclusive and consecutive-error limits are applied by the decider (<c>BakePolicy</c>).
/// </summary>
public sealed class ThresholdJudge(SloThresholds thresholds) : Ports.IReleaseJudge
{
    public string Name => "slo-threshold";

    public Verdict Analyze(AnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var from = request.Now - thresholds.Window;
        var frames = request.Frames.Where(f => f.Version == request.CandidateVersion && f.Time >= from && f.Time < request.Now && f.Time >= request.StartedAt).ToList();
        var requests = frames.Sum(f => f.Requests);
        var failures = frames.Sum(f => f.Failures);
        var window = $"last {thresholds.Window.TotalMinutes:0} min";
        if (requests < thresholds.MinRequests)
        {
            return Verdict.Worst(request.Now, [new MetricResult("requests", VerdictPhase.Inconclusive,
                $"only {requests} requests in the {window} (need {thresholds.MinRequests})")]);
        }

        var rate = (double)failures / requests;
        var errorPhase = rate > thresholds.MaxErrorRate ? VerdictPhase.Fail : VerdictPhase.Pass;
        var metrics = new List<MetricResult>
        {
            new("error-rate", errorPhase, string.Create(CultureInfo.InvariantCulture,
                $"error rate {rate:P2} {(errorPhase == VerdictPhase.Fail ? ">" : "≤")} limit {thresholds.MaxErrorRate:P2} over {requests} requests ({window})")),
        };

        var withLatency = frames.Where(f => f.Latency is not null).ToList();
        var histogram = LatencyHistogram.Sum(withLatency.Select(f => f.Latency));
        var histogramTotal = withLatency.Sum(f => f.Requests);
        if (histogram is not null && histogramTotal > 0)
        {
            var p95 = histogram.Percentile(0.95, histogramTotal);
            var latencyPhase = p95 > thresholds.MaxP95Ms ? VerdictPhase.Fail : VerdictPhase.Pass;
            metrics.Add(new MetricResult("latency-p95", latencyPhase, string.Create(CultureInfo.InvariantCulture,
                $"p95 {p95:0} ms {(latencyPhase == VerdictPhase.Fail ? ">" : "≤")} limit {thresholds.MaxP95Ms:0} ms")));
        }

        return Verdict.Worst(request.Now, metrics);
    }
}
