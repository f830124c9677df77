using DevOpsFeedback.Feedback;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Api;

/// <summary>
/// DORA's inputs from what DevOpsFeedback already records: every release that changed production (its log) is a
/// deployment, and every incident (alerts after a release, failed production health checks) is an incident.
/// Lead time is measured from the candidate commit's time as the hotfix-regression audit's source reported it
/// (<see cref="AuditPassed.CandidateCommittedAt"/>); when that is unknown (older logs, an overridden audit, a source
/// that did not say) it falls back to the release request time, the closest moment to the commit the log then holds.
/// </summary>
public sealed class ReleaseLogDeliverySignals(IReleaseStore releases, IDocumentStore documents) : IDeliverySignals
{
    public async Task<IReadOnlyList<DeploymentRecord>> GetDeploymentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var entries = app is null ? await releases.ListAllAsync(cancellationToken) : await releases.ListByAppAsync(app, cancellationToken);
        var result = new List<DeploymentRecord>();
        foreach (var entry in entries.Where(e => e.UpdatedAt >= from))
        {
            var state = ReleaseJson.Fold(await releases.ReadAsync(entry.ReleaseId, cancellationToken));
            if (!state.Swapped || state.SwappedAt is not { } deployedAt || deployedAt < from || deployedAt >= to || state.Outcome is null) continue;
            var r = state.Request!;
            var (outcome, restored) = state.Outcome switch
            {
                ReleaseOutcome.Succeeded => (DeploymentOutcome.Succeeded, (DateTimeOffset?)null),
                ReleaseOutcome.RolledBack => (DeploymentOutcome.RolledBack, state.EndedAt),
                _ => (DeploymentOutcome.Failed, (DateTimeOffset?)null),
            };
            result.Add(new DeploymentRecord(r.App, r.ReleaseId, r.CandidateVersion, state.CandidateCommittedAt ?? state.RequestedAt, deployedAt, outcome, restored, state.OutcomeReason));
        }

        return result;
    }

    public async Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var result = new List<IncidentRecord>();
        await foreach (var doc in documents.QueryAsync(ReleaseApi.IncidentCollection, app, null, null, cancellationToken))
        {
            var incident = ReleaseJson.Deserialize<Incident>(doc.Json);
            if (incident.FiredAt < from || incident.FiredAt >= to) continue;
            result.Add(new IncidentRecord(incident.App, incident.AlertId, incident.Severity, incident.Rule, incident.FiredAt, incident.ResolvedAt));
        }

        return result;
    }
}
