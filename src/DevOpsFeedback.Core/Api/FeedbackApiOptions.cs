namespace DevOpsFeedback.Api;

/// <summary>Host-independent configuration of the feedback and planning routes.</summary>
/// <param name="UserRefSalt">The installation's secret salt for user references (at least 16 bytes); from configuration.</param>
/// <param name="RateLimit">Per-key limit on <c>POST /api/feedback</c>.</param>
/// <param name="DefaultPeriod">The period planned and measured when a request names no <c>since</c>.</param>
public sealed record FeedbackApiOptions(byte[] UserRefSalt, RateLimitOptions RateLimit, TimeSpan DefaultPeriod)
{
    public const int DefaultPeriodDays = 28;

    public FeedbackApiOptions(byte[] userRefSalt, RateLimitOptions? rateLimit = null)
        : this(userRefSalt, rateLimit ?? RateLimitOptions.Default, TimeSpan.FromDays(DefaultPeriodDays))
    {
    }

    /// <summary>Problems, each naming its setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (UserRefSalt is null || UserRefSalt.Length < Feedback.UserRefHasher.MinSaltBytes)
        {
            errors.Add($"UserRefSalt must hold at least {Feedback.UserRefHasher.MinSaltBytes} bytes");
        }

        if (RateLimit is null) errors.Add("RateLimit is required");
        else errors.AddRange(RateLimit.Validate().Select(e => "RateLimit." + e));
        if (DefaultPeriod <= TimeSpan.Zero) errors.Add("DefaultPeriod must be positive");
        return errors;
    }
}
