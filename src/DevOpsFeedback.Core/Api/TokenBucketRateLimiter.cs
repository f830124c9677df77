namespace DevOpsFeedback.Api;

/// <summary>Whether a request may go ahead; when not, how long until one token is back.</summary>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Per-key token buckets over a <see cref="TimeProvider"/> (virtual time in tests). Each key starts full; a request
/// takes one token; tokens refill continuously. Buckets that have refilled completely are forgotten when the table
/// grows, so memory stays bounded by the keys active within one refill period.
/// </summary>
public sealed class TokenBucketRateLimiter
{
    private const int SweepAbove = 10_000;
    private readonly RateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly double _tokensPerSecond;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TokenBucketRateLimiter(RateLimitOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid rate limit: " + string.Join("; ", errors), nameof(options));
        _options = options;
        _time = time;
        _tokensPerSecond = options.PerMinute / 60.0;
    }

    public RateLimitDecision TryAcquire(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_buckets.Count > SweepAbove) Sweep(now);
            var tokens = _buckets.TryGetValue(key, out var bucket) ? Refilled(bucket, now) : _options.Burst;
            if (tokens >= 1)
            {
                _buckets[key] = new Bucket(tokens - 1, now);
                return new RateLimitDecision(true, TimeSpan.Zero);
            }

            _buckets[key] = new Bucket(tokens, now);
            return new RateLimitDecision(false, TimeSpan.FromSeconds((1 - tokens) / _tokensPerSecond));
        }
    }

    private double Refilled(Bucket bucket, DateTimeOffset now)
    {
        var elapsed = Math.Max(0, (now - bucket.At).TotalSeconds); // a clock that steps back refills nothing
        return Math.Min(_options.Burst, bucket.Tokens + (elapsed * _tokensPerSecond));
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var key in _buckets.Where(kv => Refilled(kv.Value, now) >= _options.Burst).Select(kv => kv.Key).ToList())
        {
            _buckets.Remove(key);
        }
    }

    private readonly record struct Bucket(double Tokens, DateTimeOffset At);
}
