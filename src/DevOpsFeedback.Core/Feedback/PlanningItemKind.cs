namespace DevOpsFeedback.Feedback;

/// <summary>Where a planning item comes from.</summary>
public enum PlanningItemKind
{
    /// <summary>A feedback theme with many or worsening reports.</summary>
    Theme,

    /// <summary>A release rolled back or failed in production: fix forward.</summary>
    FixForward,

    /// <summary>An incident: hold a post-incident review.</summary>
    PostIncidentReview,

    /// <summary>A retrospective action not done by its due date.</summary>
    OverdueAction,
}
