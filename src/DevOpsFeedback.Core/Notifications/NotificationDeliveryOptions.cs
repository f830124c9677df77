namespace DevOpsFeedback.Notifications;

/// <summary>Retries: attempt n+1 waits min(MaxDelay, max(InitialDelay × 2^(n-1), Retry-After)).</summary>
public sealed class NotificationDeliveryOptions
{
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Network timeout of one attempt (applied by the sinks' HTTP pipeline).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after attempt <paramref name="attempt"/> failed.</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var backoff = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        if (retryAfter is { } hint && hint > backoff) backoff = hint;
        return backoff > MaxDelay ? MaxDelay : backoff;
    }
}
