namespace DevOpsFeedback.Feedback;

/// <summary>What a planning item rests on: a feedback item, release, incident or retrospective.</summary>
/// <param name="Kind">"feedback", "release", "incident", "retrospective".</param>
/// <param name="Reference">The id of the evidence.</param>
/// <param name="Url">A relative API path (<c>/api/releases/{id}</c>) when one exists.</param>
/// <param name="Note">A short quote or fact.</param>
public sealed record EvidenceLink(string Kind, string Reference, string? Url, string? Note);
