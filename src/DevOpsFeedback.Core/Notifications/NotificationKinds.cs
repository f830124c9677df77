using System.Collections.Frozen;
using System.Collections.Immutable;

namespace DevOpsFeedback.Notifications;

/// <summary>Wire names of <see cref="NotificationKind"/> (kebab-case, as in configuration and payloads) and their severity.</summary>
public static class NotificationKinds
{
    private static readonly FrozenDictionary<NotificationKind, string> Names = new Dictionary<NotificationKind, string>
    {
        [NotificationKind.Queued] = "queued",
        [NotificationKind.WaitingForChangeWindow] = "waiting-for-change-window",
        [NotificationKind.Blocked] = "blocked",
        [NotificationKind.ApprovalNeeded] = "approval-needed",
        [NotificationKind.Approved] = "approved",
        [NotificationKind.Rejected] = "rejected",
        [NotificationKind.Swapped] = "swapped",
        [NotificationKind.VerdictChanged] = "verdict-changed",
        [NotificationKind.RollbackStarted] = "rollback-started",
        [NotificationKind.RolledBack] = "rolled-back",
        [NotificationKind.RollbackFailed] = "rollback-failed",
        [NotificationKind.Succeeded] = "succeeded",
        [NotificationKind.Aborted] = "aborted",
        [NotificationKind.StepFailed] = "step-failed",
        [NotificationKind.Backout] = "backout",
        [NotificationKind.BackoutRefused] = "backout-refused",
        [NotificationKind.IncidentFired] = "incident-fired",
        [NotificationKind.IncidentResolved] = "incident-resolved",
        [NotificationKind.HumansPaged] = "humans-paged",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, NotificationKind> ByName =
        Names.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every kind's wire name, in enum order.</summary>
    public static ImmutableArray<string> AllNames { get; } = [.. Enum.GetValues<NotificationKind>().Select(k => Names[k])];

    public static string Name(NotificationKind kind) =>
        Names.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown notification kind");

    public static bool TryParse(string? name, out NotificationKind kind)
    {
        kind = default;
        return name is not null && ByName.TryGetValue(name, out kind);
    }

    /// <summary>How loudly a sink should present the kind (card colour, emoji).</summary>
    public static NotificationSeverity SeverityOf(NotificationKind kind) => kind switch
    {
        NotificationKind.Succeeded or NotificationKind.Approved or NotificationKind.IncidentResolved => NotificationSeverity.Good,
        NotificationKind.Blocked or NotificationKind.ApprovalNeeded or NotificationKind.Rejected or NotificationKind.VerdictChanged
            or NotificationKind.RollbackStarted or NotificationKind.RolledBack or NotificationKind.Aborted or NotificationKind.StepFailed
            or NotificationKind.Backout or NotificationKind.BackoutRefused => NotificationSeverity.Warning,
        NotificationKind.RollbackFailed or NotificationKind.IncidentFired or NotificationKind.HumansPaged => NotificationSeverity.Critical,
        _ => NotificationSeverity.Info,
    };
}
