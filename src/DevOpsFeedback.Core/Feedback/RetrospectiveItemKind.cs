namespace DevOpsFeedback.Feedback;

/// <summary>A retrospective entry (<c>went-well</c>, <c>to-improve</c>, <c>action</c> on the wire).</summary>
public enum RetrospectiveItemKind
{
    WentWell,
    ToImprove,
    Action,
}
