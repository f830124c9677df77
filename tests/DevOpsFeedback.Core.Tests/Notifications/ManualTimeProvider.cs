namespace DevOpsFeedback.Notifications;

/// <summary>
/// A clock that moves only when told. Timers fire when <see cref="Advance"/> passes their due time; every due time asked
/// for is kept in <see cref="Delays"/>, and <see cref="TimerCreated"/> lets a test wait (bounded) for the code under test
/// to start waiting. (Microsoft.Extensions.TimeProvider.Testing is not available here.)
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>Completes when a timer is pending.</summary>
    public Task TimerCreated
    {
        get
        {
            lock (_gate) return _timers.Count > 0 ? Task.CompletedTask : _created.Task;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        TaskCompletionSource created;
        lock (_gate)
        {
            Delays.Add(dueTime);
            timer.Due = _now + dueTime;
            _timers.Add(timer);
            created = _created;
            _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        created.TrySetResult();
        return timer;
    }

    /// <summary>Moves the clock to the earliest pending timer and fires it.</summary>
    public void AdvanceToNextTimer()
    {
        DateTimeOffset due;
        lock (_gate)
        {
            if (_timers.Count == 0) throw new InvalidOperationException("no timer is pending");
            due = _timers.Min(t => t.Due);
        }

        Advance(due - GetUtcNow());
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = [.. _timers.Where(t => t.Due <= _now).OrderBy(t => t.Due)];
            foreach (var t in due) _timers.Remove(t);
        }

        foreach (var t in due) t.Fire();
    }

    /// <summary>
    /// Runs <paramref name="work"/> to completion, advancing virtual time to each timer it waits on. Bounded: fails when
    /// the work neither completes nor waits within <paramref name="realTimeLimit"/> of real time per step.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, TimeSpan? realTimeLimit = null)
    {
        var limit = realTimeLimit ?? TimeSpan.FromSeconds(30);
        var task = work();
        while (!task.IsCompleted)
        {
            var next = await Task.WhenAny(task, TimerCreated).WaitAsync(limit);
            if (next != task) AdvanceToNextTimer();
        }

        return await task;
    }

    private void Reschedule(ManualTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan) return;
            Delays.Add(dueTime);
            timer.Due = _now + dueTime;
            _timers.Add(timer);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Reschedule(this, dueTime);
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
