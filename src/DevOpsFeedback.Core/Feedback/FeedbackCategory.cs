namespace DevOpsFeedback.Feedback;

/// <summary>What a piece of feedback is about (<c>bug</c>, <c>idea</c>, <c>praise</c>, <c>question</c> on the wire).</summary>
public enum FeedbackCategory
{
    Bug,
    Idea,
    Praise,
    Question,
}
