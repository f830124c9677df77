namespace DevOpsFeedback.Feedback;

/// <summary>DORA performance band of one metric; <see cref="NoData"/> when nothing was measured (never Elite).</summary>
public enum DoraBand
{
    NoData,
    Low,
    Medium,
    High,
    Elite,
}
