using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Backtest;

/// <summary>
/// Replays a bake in virtual time over recorded frames: one analysis per interval from the start of the release.
/// Rules (the release decider's): a Fail beyond <see cref="RollbackPolicy.FailureLimit"/> rolls back; Errors
/// beyond <see cref="RollbackPolicy.ConsecutiveErrorLimit"/> in a row hold; at the end of the bake Pass promotes
/// and anything else holds. Minutes after the last recorded row cannot be measured: they are Errors, never health.
/// </summary>
public static class BacktestRunner
{
    public static BacktestResult Run(BacktestRelease release, ImmutableArray<TelemetryFrame> frames, RollbackPolicy policy, IReleaseJudge judge)
    {
        var start = release.StartedAt;
        var looks = policy.PlannedLooks;
        var dataEnd = frames.IsDefaultOrEmpty ? DateTimeOffset.MinValue : frames.Max(f => f.Time).AddMinutes(1);
        var analyses = ImmutableArray.CreateBuilder<Verdict>(looks);
        var failures = 0;
        var errorsInARow = 0;
        for (var look = 1; look <= looks; look++)
        {
            var now = start + policy.Interval * look;
            var verdict = now > dataEnd
                ? Verdict.Error(now, dataEnd == DateTimeOffset.MinValue ? "no telemetry recorded" : $"no telemetry recorded after {dataEnd.UtcDateTime:yyyy-MM-ddTHH:mm}Z")
                : judge.Analyze(new AnalysisRequest(release.Mode, release.BaselineVersion, release.CandidateVersion, start, now, look, looks, release.ShareAt(now), frames));
            analyses.Add(verdict);
            if (verdict.Phase == VerdictPhase.Fail && ++failures > policy.FailureLimit)
                return new BacktestResult(BacktestDecision.Rollback, now, verdict.Reason, analyses.ToImmutable());
            errorsInARow = verdict.Phase == VerdictPhase.Error ? errorsInARow + 1 : 0;
            if (errorsInARow > policy.ConsecutiveErrorLimit)
                return new BacktestResult(BacktestDecision.Hold, now, $"telemetry could not be measured in {errorsInARow} analyses in a row: {verdict.Reason}", analyses.ToImmutable());
        }

        var last = analyses[^1];
        var end = start + policy.Interval * looks;
        return last.Phase == VerdictPhase.Pass
            ? new BacktestResult(BacktestDecision.Promote, end, $"bake of {policy.BakeMinutes} min finished healthy: {last.Reason}", analyses.ToImmutable())
            : new BacktestResult(BacktestDecision.Hold, end, $"{last.Phase} at the end of the bake: {last.Reason}", analyses.ToImmutable());
    }
}
