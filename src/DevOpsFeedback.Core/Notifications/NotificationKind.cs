namespace DevOpsFeedback.Notifications;

/// <summary>What a notification is about. Routes name kinds by their wire names (<see cref="NotificationKinds.Name"/>).</summary>
public enum NotificationKind
{
    Queued,
    WaitingForChangeWindow,
    Blocked,
    ApprovalNeeded,
    Approved,
    Rejected,
    Swapped,
    VerdictChanged,
    RollbackStarted,
    RolledBack,
    RollbackFailed,
    Succeeded,
    Aborted,
    StepFailed,
    Backout,
    BackoutRefused,
    IncidentFired,
    IncidentResolved,
    HumansPaged,
}
