namespace DevOpsFeedback.Api;

/// <summary>What a use case answers; each host writes it out in a few lines.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">Serialised with <see cref="Orchestration.ReleaseJson.Options"/>, or raw text for non-JSON types.</param>
/// <param name="ContentType">The media type of the body.</param>
/// <param name="Location">A Location header, when there is one.</param>
/// <param name="RetryAfterSeconds">A Retry-After header (429), when there is one.</param>
public sealed record ApiResult(int Status, object? Body, string ContentType = "application/json", string? Location = null, int? RetryAfterSeconds = null)
{
    public static ApiResult Problem(ApiProblem problem) => new(problem.Status, problem, ApiProblem.ContentType);

    public static ApiResult Ok(object body) => new(200, body);
}
