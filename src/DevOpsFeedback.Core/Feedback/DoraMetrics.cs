namespace DevOpsFeedback.Feedback;

/// <summary>The four DORA figures of one app over [<see cref="From"/>, <see cref="To"/>), each with its band.</summary>
/// <param name="Deployments">Production deployments in the period.</param>
/// <param name="DeploymentsPerDay">Deployments divided by the period's length in days.</param>
/// <param name="LeadTimeMedian">Median commit-to-production time (null without deployments).</param>
/// <param name="ChangeFailures">Deployments rolled back or failed in production.</param>
/// <param name="ChangeFailureRate">Failures / deployments (null without deployments).</param>
/// <param name="TimeToRestoreMedian">Median restore time over restored failed deployments and resolved incidents.</param>
/// <param name="Restorations">How many restorations the median is over.</param>
/// <param name="Unrestored">Failures and incidents still open at the end of the period (kept out of the median, reported).</param>
public sealed record DoraMetrics(
    string App,
    DateTimeOffset From,
    DateTimeOffset To,
    int Deployments,
    double DeploymentsPerDay,
    DoraBand DeploymentFrequencyBand,
    TimeSpan? LeadTimeMedian,
    DoraBand LeadTimeBand,
    int ChangeFailures,
    double? ChangeFailureRate,
    DoraBand ChangeFailureRateBand,
    TimeSpan? TimeToRestoreMedian,
    int Restorations,
    int Unrestored,
    DoraBand TimeToRestoreBand);
