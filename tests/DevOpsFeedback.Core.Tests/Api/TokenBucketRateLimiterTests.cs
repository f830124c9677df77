using DevOpsFeedback.Api;

namespace DevOpsFeedback.Api;

public sealed class TokenBucketRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void TryAcquire_BurstUsed_RefusesWithTimeUntilOneTokenIsBack()
    {
        var clock = new Clock(Start);
        var limiter = new TokenBucketRateLimiter(new RateLimitOptions(Burst: 3, PerMinute: 12), clock);

        var decisions = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire("key-a")).ToList();

        Assert.Equal([true, true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal(TimeSpan.FromSeconds(5), decisions[3].RetryAfter);
    }

    [Theory]
    [InlineData(4.9, false)]
    [InlineData(5.0, true)]
    public void TryAcquire_AfterRefillTime_AllowsExactlyWhenATokenIsBack(double seconds, bool allowed)
    {
        var clock = new Clock(Start);
        var limiter = new TokenBucketRateLimiter(new RateLimitOptions(Burst: 1, PerMinute: 12), clock);
        Assert.True(limiter.TryAcquire("k").Allowed);

        clock.Now = Start.AddSeconds(seconds);

        Assert.Equal(allowed, limiter.TryAcquire("k").Allowed);
    }

    [Fact]
    public void TryAcquire_KeysAreIndependent()
    {
        var limiter = new TokenBucketRateLimiter(new RateLimitOptions(Burst: 1, PerMinute: 1), new Clock(Start));

        Assert.True(limiter.TryAcquire(CallerKey.Partition("first-key")).Allowed);
        Assert.False(limiter.TryAcquire(CallerKey.Partition("first-key")).Allowed);
        Assert.True(limiter.TryAcquire(CallerKey.Partition("second-key")).Allowed);
        Assert.True(limiter.TryAcquire(CallerKey.Partition(null)).Allowed);
        Assert.False(limiter.TryAcquire(CallerKey.Anonymous).Allowed);
    }

    [Fact]
    public void TryAcquire_LongIdle_RefillsOnlyUpToTheBurst()
    {
        var clock = new Clock(Start);
        var limiter = new TokenBucketRateLimiter(new RateLimitOptions(Burst: 2, PerMinute: 60), clock);
        limiter.TryAcquire("k");

        clock.Now = Start.AddHours(5);

        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => limiter.TryAcquire("k").Allowed));
    }

    [Fact]
    public void TryAcquire_ClockStepsBack_RefillsNothing()
    {
        var clock = new Clock(Start);
        var limiter = new TokenBucketRateLimiter(new RateLimitOptions(Burst: 1, PerMinute: 60), clock);
        limiter.TryAcquire("k");

        clock.Now = Start.AddMinutes(-10);

        Assert.False(limiter.TryAcquire("k").Allowed);
    }

    [Fact]
    public void TryAcquire_ManyKeys_ForgetsFullBucketsAndStillLimitsActiveOnes()
    {
        var clock = new Clock(Start);
        var limiter = new TokenBucketRateLimiter(new RateLimitOptions(Burst: 1, PerMinute: 60), clock);
        Assert.True(limiter.TryAcquire("busy").Allowed);
        clock.Now = Start.AddMilliseconds(500);
        for (var i = 0; i < 10_050; i++) limiter.TryAcquire($"k{i}");

        Assert.False(limiter.TryAcquire("busy").Allowed);
        clock.Now = Start.AddSeconds(5);
        Assert.True(limiter.TryAcquire("busy").Allowed);
    }

    [Theory]
    [InlineData(0, 60, "Burst")]
    [InlineData(10, 0, "PerMinute")]
    public void Constructor_BadOptions_ThrowsNamingTheSetting(int burst, int perMinute, string setting)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TokenBucketRateLimiter(new RateLimitOptions(burst, perMinute), TimeProvider.System));
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CallerKey_Partition_HashesTheKeyAndNeverHoldsItInClear()
    {
        var partition = CallerKey.Partition("secret-function-key");

        Assert.Matches("^key-[0-9a-f]{32}$", partition);
        Assert.DoesNotContain("secret", partition, StringComparison.Ordinal);
        Assert.Equal(partition, CallerKey.Partition("secret-function-key"));
        Assert.Equal(CallerKey.Anonymous, CallerKey.Partition(""));
    }
}
