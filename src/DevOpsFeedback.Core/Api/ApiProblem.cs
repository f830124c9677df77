using System.Collections.Immutable;

namespace DevOpsFeedback.Api;

/// <summary>An RFC 9457 problem (application/problem+json) that both hosts return as is.</summary>
public sealed record ApiProblem(string Type, string Title, int Status, string? Detail = null, ImmutableSortedDictionary<string, string[]>? Errors = null)
{
    public const string ContentType = "application/problem+json";

    public static ApiProblem Validation(FieldErrors errors) =>
        new("https://devopsfeedback.dev/problems/validation", "The request is not valid.", 400, errors.ToString(), errors.ToDictionary());

    public static ApiProblem BadRequest(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static ApiProblem NotFound(string detail) => new("https://devopsfeedback.dev/problems/not-found", "Not found.", 404, detail);

    public static ApiProblem Conflict(string detail) => new("https://devopsfeedback.dev/problems/conflict", "The request conflicts with the current state.", 409, detail);

    public static ApiProblem TooLarge(long limit) => new("https://devopsfeedback.dev/problems/too-large", "The body is too large.", 413, $"bodies are limited to {limit} bytes");

    public static ApiProblem Unauthorized() => new("https://devopsfeedback.dev/problems/unauthorized", "Authorization is required.", 401, "send the API key in the x-functions-key header");
}
