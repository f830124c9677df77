namespace DevOpsFeedback.Notifications;

/// <summary>How loudly a sink presents a notification.</summary>
public enum NotificationSeverity
{
    Info,
    Good,
    Warning,
    Critical,
}
