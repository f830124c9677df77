using System.Collections.Immutable;
using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Backtest;

/// <summary>A canary step: from <paramref name="At"/> the candidate takes <paramref name="Percent"/>% of traffic.</summary>
public sealed record CanaryStep(DateTimeOffset At, double Percent);

/// <summary>The release a backtest replays (shared design "backtest-format", release JSON).</summary>
public sealed record BacktestRelease(
    string App,
    string BaselineVersion,
    string CandidateVersion,
    AnalysisMode Mode,
    DateTimeOffset? SwapAt,
    ImmutableArray<CanaryStep> CanarySteps)
{
    /// <summary>When the candidate starts taking traffic: the swap (blue-green) or the first canary step.</summary>
    public DateTimeOffset StartedAt => Mode == AnalysisMode.BlueGreen || CanarySteps.IsDefaultOrEmpty ? SwapAt!.Value : CanarySteps[0].At;

    /// <summary>The candidate's share of traffic (percent) during the minute before <paramref name="at"/>.</summary>
    public double ShareAt(DateTimeOffset at)
    {
        if (Mode == AnalysisMode.BlueGreen || (SwapAt is { } swap && swap < at)) return 100;
        double share = 0;
        foreach (var step in CanarySteps)
        {
            if (step.At < at) share = step.Percent;
        }

        return share;
    }

    public bool Equals(BacktestRelease? other) =>
        other is not null && App == other.App && BaselineVersion == other.BaselineVersion && CandidateVersion == other.CandidateVersion
        && Mode == other.Mode && SwapAt == other.SwapAt && CanarySteps.SequenceEqual(other.CanarySteps);

    public override int GetHashCode() => HashCode.Combine(App, BaselineVersion, CandidateVersion, Mode, SwapAt);
}
