namespace DevOpsFeedback.Feedback;

/// <summary>How a production deployment ended (for DORA change failure rate and fix-forward items).</summary>
public enum DeploymentOutcome
{
    /// <summary>Swapped into production and kept.</summary>
    Succeeded,

    /// <summary>Swapped into production, then rolled back (automatic, alert or red button).</summary>
    RolledBack,

    /// <summary>Reached production and degraded service but was not rolled back (needs a fix forward).</summary>
    Failed,
}
