namespace DevOpsFeedback.Feedback;

/// <summary>Whether a planning item is still to be planned.</summary>
public enum PlanningItemStatus
{
    Open,
    Closed,
}
