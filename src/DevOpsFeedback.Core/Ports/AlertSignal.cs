using System.Collections.Immutable;

namespace DevOpsFeedback.Ports;

/// <summary>Whether an alert is firing or has resolved.</summary>
public enum MonitorCondition
{
    Fired,
    Resolved,
    /// <summary>Azure sends null for some alert kinds (cost alerts): recorded, never acted on.</summary>
    None,
}

/// <summary>An Azure Monitor alert, reduced to what the release loop needs.</summary>
/// <param name="AlertId">Azure's alert id (not unique on its own: cost alerts share one).</param>
/// <param name="Rule">The alert rule name.</param>
/// <param name="Severity">"Sev0".."Sev4".</param>
/// <param name="TargetResourceIds">Resource ids the alert is about (data: compared, never interpreted).</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it resolved, if it did.</param>
/// <param name="Condition">Fired, Resolved or none.</param>
/// <param name="SignalType">"Metric", "Log", "Activity Log", ...</param>
/// <param name="Description">A one-line human summary of the condition.</param>
public sealed record AlertSignal(
    string AlertId,
    string Rule,
    string Severity,
    ImmutableArray<string> TargetResourceIds,
    DateTimeOffset FiredAt,
    DateTimeOffset? ResolvedAt,
    MonitorCondition Condition,
    string SignalType,
    string Description)
{
    /// <summary>De-duplication key: alert id + condition + fired time.</summary>
    public string DedupKey => $"{AlertId}|{Condition}|{FiredAt.UtcDateTime:O}";
}
