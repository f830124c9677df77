namespace DevOpsFeedback.Backtest;

/// <summary>What the release loop would have done.</summary>
public enum BacktestDecision
{
    /// <summary>The bake finished healthy.</summary>
    Promote,

    /// <summary>The judge failed the candidate beyond the failure limit.</summary>
    Rollback,

    /// <summary>Inconclusive at the end of the bake, or telemetry unreadable too often: a human decides.</summary>
    Hold,
}
