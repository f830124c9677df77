using System.Collections.Immutable;

namespace DevOpsFeedback.Analysis;

/// <summary>The result of one metric in one analysis.</summary>
public sealed record MetricResult(string Metric, VerdictPhase Phase, string Reason);

/// <summary>
/// The judge's answer for one analysis: a phase, a reason a person understands, and the per-metric results.
/// "Could not measure" is <see cref="VerdictPhase.Error"/>, never <see cref="VerdictPhase.Pass"/>.
/// </summary>
public sealed record Verdict(DateTimeOffset At, VerdictPhase Phase, string Reason, ImmutableArray<MetricResult> Metrics)
{
    public static Verdict Worst(DateTimeOffset at, IEnumerable<MetricResult> metrics)
    {
        var list = metrics.ToImmutableArray();
        if (list.IsEmpty) return new Verdict(at, VerdictPhase.Inconclusive, "no metric was analysed", list);
        var worst = list.Max(m => m.Phase);
        var reasons = list.Where(m => m.Phase == worst).Select(m => m.Reason);
        return new Verdict(at, worst, string.Join("; ", reasons), list);
    }

    public static VerdictPhase Worst(VerdictPhase a, VerdictPhase b) => a >= b ? a : b;

    public static Verdict Error(DateTimeOffset at, string cause) =>
        new(at, VerdictPhase.Error, cause, [new MetricResult("telemetry", VerdictPhase.Error, cause)]);

    public bool Equals(Verdict? other) =>
        other is not null && At == other.At && Phase == other.Phase && Reason == other.Reason && Metrics.SequenceEqual(other.Metrics);

    public override int GetHashCode() => HashCode.Combine(At, Phase, Reason);
}
