namespace DevOpsFeedback.Notifications;

/// <summary>The outcome of one delivery attempt as a sink saw it.</summary>
/// <param name="Succeeded">The receiver accepted the notification.</param>
/// <param name="StatusCode">The HTTP status, when an answer came.</param>
/// <param name="Error">Why it failed, for people (never the URL: it is a credential).</param>
/// <param name="Retryable">Whether trying again may help (network errors, timeouts, 408, 425, 429, 5xx).</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c>, when it sent one.</param>
public sealed record SinkResponse(bool Succeeded, int? StatusCode, string? Error, bool Retryable, TimeSpan? RetryAfter = null)
{
    private const int MaxErrorLength = 300;

    public static SinkResponse Delivered(int statusCode) => new(true, statusCode, null, false);

    /// <summary>No answer (connection refused, timeout, DNS): worth retrying.</summary>
    public static SinkResponse Unreachable(string error) => new(false, null, Clean(error), true);

    /// <summary>Classifies an HTTP answer: 2xx delivered; 408, 425, 429 and 5xx retryable; other statuses final.</summary>
    public static SinkResponse FromStatus(int statusCode, string? body, TimeSpan? retryAfter)
    {
        if (statusCode is >= 200 and < 300) return Delivered(statusCode);
        var retryable = statusCode is 408 or 425 or 429 or >= 500;
        var detail = string.IsNullOrWhiteSpace(body) ? "" : ": " + body;
        return new SinkResponse(false, statusCode, Clean($"HTTP {statusCode}{detail}"), retryable, retryAfter);
    }

    /// <summary>Keeps an error short and printable (receivers may answer with HTML or control characters).</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var s = new string(chars).Trim();
        return s.Length <= MaxErrorLength ? s : string.Concat(s.AsSpan(0, MaxErrorLength), "…");
    }
}
