using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>
/// A static alarm as CodeDeploy alarms or Azure Pipelines gates use it: candidate error rate &gt; 1% in 3 of the
/// last 5 minutes fires (Fail); otherwise the alarm is quiet (Pass). Minutes without data are "missing", not breaching.
/// </summary>
public sealed class StaticAlarmJudge : IReleaseJudge
{
    public string Name => "static alarm";

    public Verdict Analyze(AnalysisRequest request)
    {
        var minutes = MinuteSeries.Of(request, request.CandidateVersion, request.Now.AddMinutes(-5), request.Now);
        var breaching = minutes.Count(f => MinuteSeries.ErrorRate(f) > 0.01);
        var metric = new MetricResult("error-rate alarm", breaching >= 3 ? VerdictPhase.Fail : VerdictPhase.Pass, $"error rate > 1% in {breaching} of the last 5 minutes");
        return Verdict.Worst(request.Now, [metric]);
    }
}
