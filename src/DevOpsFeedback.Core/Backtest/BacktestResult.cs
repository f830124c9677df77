using System.Collections.Immutable;
using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Backtest;

/// <summary>The decision, the minute it was taken, why, and every analysis up to it.</summary>
public sealed record BacktestResult(BacktestDecision Decision, DateTimeOffset DecidedAt, string Reason, ImmutableArray<Verdict> Analyses)
{
    public bool Equals(BacktestResult? other) =>
        other is not null && Decision == other.Decision && DecidedAt == other.DecidedAt && Reason == other.Reason && Analyses.SequenceEqual(other.Analyses);

    public override int GetHashCode() => HashCode.Combine(Decision, DecidedAt, Reason);
}
