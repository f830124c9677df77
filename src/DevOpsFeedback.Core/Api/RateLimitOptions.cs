namespace DevOpsFeedback.Api;

/// <summary>
/// A token bucket per caller: <see cref="Burst"/> requests at once, refilled at <see cref="PerMinute"/> a minute.
/// </summary>
/// <param name="Burst">Bucket size: requests a caller may send back to back (1–100,000).</param>
/// <param name="PerMinute">Refill rate in requests per minute (1–1,000,000).</param>
public sealed record RateLimitOptions(int Burst = 120, int PerMinute = 60)
{
    public static RateLimitOptions Default { get; } = new();

    /// <summary>Problems with the numbers, each naming its setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Burst is < 1 or > 100_000) errors.Add($"Burst must be from 1 to 100000, not {Burst}");
        if (PerMinute is < 1 or > 1_000_000) errors.Add($"PerMinute must be from 1 to 1000000, not {PerMinute}");
        return errors;
    }
}
