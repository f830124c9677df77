namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// A clock that moves only when the test says so: timers (Task.Delay, PeriodicTimer) fire when
/// <see cref="TryAdvanceToNextTimer"/> or <see cref="Advance"/> passes their due time, so a bake takes no real time.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state, period);
        lock (_gate)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = _now + dueTime;
                _timers.Add(timer);
            }
        }

        return timer;
    }

    /// <summary>
    /// Moves the clock to the earliest pending timer due within <paramref name="maxJump"/> and fires it;
    /// false when there is none (the code under test is busy, or waits for a signal).
    /// </summary>
    public bool TryAdvanceToNextTimer(TimeSpan maxJump)
    {
        DateTimeOffset due;
        lock (_gate)
        {
            if (_timers.Count == 0) return false;
            due = _timers.Min(t => t.Due);
            if (due - _now > maxJump) return false;
        }

        Advance(due - GetUtcNow());
        return true;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            if (by > TimeSpan.Zero) _now += by;
            due = [.. _timers.Where(t => t.Due <= _now).OrderBy(t => t.Due)];
            foreach (var t in due)
            {
                _timers.Remove(t);
                if (t.Period > TimeSpan.Zero && t.Period != Timeout.InfiniteTimeSpan)
                {
                    t.Due = _now + t.Period;
                    _timers.Add(t);
                }
            }
        }

        foreach (var t in due) t.Fire();
    }

    private void Reschedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan) return;
            timer.Due = _now + dueTime;
            _timers.Add(timer);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state, TimeSpan period) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; set; } = period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Reschedule(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
