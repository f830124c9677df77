using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Backtest;

/// <summary>
/// Gives the judge the canary share the recording actually routed (the release JSON's percent, which may have
/// decimals) instead of the decider's whole-number plan step; everything else passes through unchanged.
/// </summary>
public sealed class ReplayShareJudge(IReleaseJudge inner, BacktestRelease release) : IReleaseJudge
{
    public string Name => inner.Name;

    public Verdict Analyze(AnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return inner.Analyze(request.Mode == AnalysisMode.Canary ? request with { CandidateShare = release.ShareAt(request.Now) } : request);
    }
}
