namespace DevOpsFeedback.Releases;

/// <summary>Change-control class of a release.</summary>
public enum ChangeType
{
    /// <summary>Pre-approved, low risk: no approval step.</summary>
    Standard,

    /// <summary>Needs an approver who is not the requester.</summary>
    Normal,

    /// <summary>May bypass a change window (recorded as such); still needs an approver.</summary>
    Emergency,
}
