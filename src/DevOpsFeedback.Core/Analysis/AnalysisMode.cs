namespace DevOpsFeedback.Analysis;

/// <summary>How candidate and baseline are compared.</summary>
public enum AnalysisMode
{
    /// <summary>Both versions serve at the same time: compare them minute by minute.</summary>
    Canary,

    /// <summary>The candidate took all traffic at the swap: compare it with the baseline before the swap.</summary>
    BlueGreen,
}
