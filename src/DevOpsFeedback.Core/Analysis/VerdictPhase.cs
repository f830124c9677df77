namespace DevOpsFeedback.Analysis;

/// <summary>Ordered outcome of an analysis; a combination takes the worst (<see cref="Verdict.Worst"/>).</summary>
public enum VerdictPhase
{
    Pass = 0,
    Running = 1,
    Inconclusive = 2,
    Error = 3,
    Fail = 4,
}
