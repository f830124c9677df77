namespace DevOpsFeedback.Feedback;

/// <summary>
/// Deployments and incidents for planning and DORA. The lead implements it over the release store (release logs →
/// <see cref="DeploymentRecord"/>) and the alert records (→ <see cref="IncidentRecord"/>).
/// </summary>
public interface IDeliverySignals
{
    /// <summary>Production deployments with <see cref="DeploymentRecord.DeployedAt"/> in [from, to) (all apps when app is null).</summary>
    Task<IReadOnlyList<DeploymentRecord>> GetDeploymentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Incidents fired in [from, to) (all apps when app is null).</summary>
    Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
