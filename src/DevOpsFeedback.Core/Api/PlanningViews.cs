using System.Collections.Immutable;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Api;

/// <summary>One ranked item of <c>GET /api/planning</c>: key, title, score with its parts, evidence, status.</summary>
public sealed record PlanningItemView(
    string Key, string Title, double Score, ScoreParts ScoreParts, ImmutableArray<EvidenceLink> Evidence, PlanningItemStatus Status,
    PlanningItemKind Kind, string Scope, string Summary)
{
    public static PlanningItemView From(PlanningItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Key, item.Title, item.Score, item.ScoreParts, item.Evidence, item.Status, item.Kind, item.Scope, item.Summary);
    }
}

/// <summary><c>GET /api/planning</c>: the period planned and the ranked items.</summary>
public sealed record PlanningView(string? App, DateTimeOffset Since, DateTimeOffset Until, ImmutableArray<PlanningItemView> Items);

/// <summary>Deployment frequency: deployments in the period and per day.</summary>
public sealed record DeploymentFrequencyView(int Deployments, double PerDay, DoraBand Band);

/// <summary>Median commit-to-production time in hours (null without deployments).</summary>
public sealed record LeadTimeView(double? MedianHours, DoraBand Band);

/// <summary>Failed or rolled-back deployments over all deployments (null without deployments).</summary>
public sealed record ChangeFailureRateView(double? Rate, int Failures, int Deployments, DoraBand Band);

/// <summary>Median restore time in hours over <see cref="Restorations"/>; <see cref="Unrestored"/> were still open at the end.</summary>
public sealed record TimeToRestoreView(double? MedianHours, int Restorations, int Unrestored, DoraBand Band);

/// <summary><c>GET /api/metrics/dora</c>: the four DORA figures of one app over [since, until), each with its band.</summary>
public sealed record DoraView(
    string App, DateTimeOffset Since, DateTimeOffset Until, DeploymentFrequencyView DeploymentFrequency, LeadTimeView LeadTime,
    ChangeFailureRateView ChangeFailureRate, TimeToRestoreView TimeToRestore)
{
    public static DoraView From(DoraMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.App, m.From, m.To,
            new DeploymentFrequencyView(m.Deployments, m.DeploymentsPerDay, m.DeploymentFrequencyBand),
            new LeadTimeView(m.LeadTimeMedian?.TotalHours, m.LeadTimeBand),
            new ChangeFailureRateView(m.ChangeFailureRate, m.ChangeFailures, m.Deployments, m.ChangeFailureRateBand),
            new TimeToRestoreView(m.TimeToRestoreMedian?.TotalHours, m.Restorations, m.Unrestored, m.TimeToRestoreBand));
    }
}
