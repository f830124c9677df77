namespace DevOpsFeedback.Feedback;

/// <summary>
/// DORA metrics per app and period. Bands follow the Accelerate State of DevOps reports (2019 thresholds, the
/// last year with four distinct bands for every metric):
/// <list type="bullet">
/// <item>Deployment frequency: Elite ≥ 1 per day, High ≥ 1 per week, Medium ≥ 1 per month (30 days), else Low.</item>
/// <item>Lead time for changes (median): Elite &lt; 1 day, High ≤ 1 week, Medium ≤ 1 month (30 days), else Low.</item>
/// <item>Change failure rate: Elite ≤ 15 %, High ≤ 30 %, Medium ≤ 45 %, else Low.</item>
/// <item>Time to restore (median): Elite &lt; 1 hour, High &lt; 1 day, Medium &lt; 1 week, else Low.</item>
/// </list>
/// A deployment belongs to the period by <see cref="DeploymentRecord.DeployedAt"/>, an incident by
/// <see cref="IncidentRecord.FiredAt"/>; a restoration after <see cref="DoraMetrics.To"/> counts as not restored.
/// </summary>
public static class DoraCalculator
{
    public static DoraMetrics Compute(
        string app, DateTimeOffset from, DateTimeOffset to, IEnumerable<DeploymentRecord> deployments, IEnumerable<IncidentRecord> incidents)
    {
        if (to <= from) throw new ArgumentException("the period must end after it starts", nameof(to));

        var deployed = deployments.Where(d => d.App == app && d.DeployedAt >= from && d.DeployedAt < to).ToList();
        var fired = incidents.Where(i => i.App == app && i.FiredAt >= from && i.FiredAt < to).ToList();

        var days = (to - from).TotalDays;
        var perDay = deployed.Count / days;
        var frequencyBand = deployed.Count == 0 ? DoraBand.NoData
            : perDay >= 1 ? DoraBand.Elite
            : perDay >= 1.0 / 7 ? DoraBand.High
            : perDay >= 1.0 / 30 ? DoraBand.Medium
            : DoraBand.Low;

        var leadTime = Median(deployed.Select(d => d.DeployedAt - d.CommitAt).Where(t => t >= TimeSpan.Zero));
        var leadBand = leadTime switch
        {
            null => DoraBand.NoData,
            var t when t < TimeSpan.FromDays(1) => DoraBand.Elite,
            var t when t <= TimeSpan.FromDays(7) => DoraBand.High,
            var t when t <= TimeSpan.FromDays(30) => DoraBand.Medium,
            _ => DoraBand.Low,
        };

        var failures = deployed.Where(d => d.IsChangeFailure).ToList();
        double? failureRate = deployed.Count == 0 ? null : (double)failures.Count / deployed.Count;
        var failureBand = failureRate switch
        {
            null => DoraBand.NoData,
            <= 0.15 => DoraBand.Elite,
            <= 0.30 => DoraBand.High,
            <= 0.45 => DoraBand.Medium,
            _ => DoraBand.Low,
        };

        var restores = new List<TimeSpan>();
        var unrestored = 0;
        foreach (var f in failures)
        {
            if (f.RestoredAt is { } r && r <= to && r >= f.DeployedAt) restores.Add(r - f.DeployedAt);
            else unrestored++;
        }

        foreach (var i in fired)
        {
            if (i.ResolvedAt is { } r && r <= to && r >= i.FiredAt) restores.Add(r - i.FiredAt);
            else unrestored++;
        }

        var restore = Median(restores);
        var restoreBand = restore switch
        {
            null => DoraBand.NoData,
            var t when t < TimeSpan.FromHours(1) => DoraBand.Elite,
            var t when t < TimeSpan.FromDays(1) => DoraBand.High,
            var t when t < TimeSpan.FromDays(7) => DoraBand.Medium,
            _ => DoraBand.Low,
        };

        return new DoraMetrics(app, from, to, deployed.Count, perDay, frequencyBand, leadTime, leadBand,
            failures.Count, failureRate, failureBand, restore, restores.Count, unrestored, restoreBand);
    }

    /// <summary>The median (mean of the two middle values for an even count); null when empty.</summary>
    internal static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(v => v.Ticks).Order().ToArray();
        if (sorted.Length == 0) return null;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1
            ? TimeSpan.FromTicks(sorted[mid])
            : TimeSpan.FromTicks(sorted[mid - 1] + ((sorted[mid] - sorted[mid - 1]) / 2));
    }
}
