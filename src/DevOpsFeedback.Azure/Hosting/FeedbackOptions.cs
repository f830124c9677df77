using System.Text;
using DevOpsFeedback.Api;

namespace DevOpsFeedback.Azure.Hosting;

/// <summary>
/// The feedback routes. Bound from the <c>Feedback</c> section: <c>Feedback__UserRefSalt</c> (a secret: a Key Vault
/// reference in Azure), <c>Feedback__RateLimitBurst</c>, <c>Feedback__RateLimitPerMinute</c>.
/// </summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Feedback";

    /// <summary>Minimum salt length in characters (its UTF-8 bytes are the HMAC key).</summary>
    public const int MinSaltChars = 32;

    /// <summary>The secret salt user references are hashed with. Changing it makes earlier hashes uncountable against new ones.</summary>
    public string? UserRefSalt { get; set; }

    /// <summary>Requests one key may send back to back.</summary>
    public int RateLimitBurst { get; set; } = RateLimitOptions.Default.Burst;

    /// <summary>Requests per minute one key may sustain.</summary>
    public int RateLimitPerMinute { get; set; } = RateLimitOptions.Default.PerMinute;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(UserRefSalt) || UserRefSalt.Length < MinSaltChars)
        {
            errors.Add($"{SectionName}:UserRefSalt must be a secret of at least {MinSaltChars} characters (e.g. openssl rand -hex 32)");
        }

        errors.AddRange(new RateLimitOptions(RateLimitBurst, RateLimitPerMinute).Validate()
            .Select(e => $"{SectionName}:RateLimit{e}"));
        return errors;
    }

    /// <summary>The Core options; throws naming each bad setting.</summary>
    public FeedbackApiOptions ToApiOptions()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new InvalidSettingsException("invalid configuration: " + string.Join("; ", errors));
        return new FeedbackApiOptions(Encoding.UTF8.GetBytes(UserRefSalt!), new RateLimitOptions(RateLimitBurst, RateLimitPerMinute));
    }
}
