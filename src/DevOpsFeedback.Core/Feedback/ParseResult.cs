using DevOpsFeedback.Api;

namespace DevOpsFeedback.Feedback;

/// <summary>A parsed request, or the field errors that reject it (never both).</summary>
public sealed record ParseResult<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors)
    where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;
}

/// <summary>Builds <see cref="ParseResult{T}"/> values.</summary>
public static class ParseResult
{
    public static ParseResult<T> Ok<T>(T value) where T : class => new(value, new Dictionary<string, string[]>());

    public static ParseResult<T> Invalid<T>(FieldErrors errors) where T : class => new(null, errors.ToDictionary());
}
