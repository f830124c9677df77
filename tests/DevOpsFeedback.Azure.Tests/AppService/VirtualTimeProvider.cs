namespace DevOpsFeedback.Azure.AppService;

/// <summary>
/// Virtual time: every timer fires at once and moves the clock forward by its due time, so waits cost nothing and
/// are recorded for the test to check.
/// </summary>
internal sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Start { get; } = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _now += dueTime;
                _waits.Add(dueTime);
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
