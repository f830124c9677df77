namespace DevOpsFeedback.Orchestration.VirtualTime;

/// <summary>
/// A discrete-event clock: work is queued at virtual instants and run in (time, arrival) order on the
/// caller's thread. Nothing sleeps, so a day of releases runs in milliseconds, the same way every time.
/// </summary>
public sealed class VirtualScheduler(DateTimeOffset start)
{
    private readonly PriorityQueue<Entry, (DateTimeOffset At, long Seq)> _queue = new();
    private long _seq;

    public DateTimeOffset Now { get; private set; } = start;

    public int Pending => _queue.Count;

    /// <summary>Queues <paramref name="work"/> at <paramref name="at"/> (a past time means now). Returns a handle that can cancel it.</summary>
    public IDisposable At(DateTimeOffset at, Action work)
    {
        var entry = new Entry(work);
        _queue.Enqueue(entry, (at < Now ? Now : at, _seq++));
        return entry;
    }

    /// <summary>Runs queued work in order until none is left or the next is after <paramref name="until"/>.</summary>
    public int Run(DateTimeOffset? until = null, int maxSteps = 10_000_000)
    {
        var ran = 0;
        while (_queue.TryPeek(out var entry, out var key))
        {
            if (until is { } limit && key.At > limit) break;
            _queue.Dequeue();
            if (entry.Cancelled) continue;
            Now = key.At;
            entry.Work();
            if (++ran >= maxSteps) throw new InvalidOperationException($"virtual time ran {maxSteps} steps without settling");
        }

        if (until is { } end && end > Now) Now = end;
        return ran;
    }

    private sealed class Entry(Action work) : IDisposable
    {
        public Action Work { get; } = work;

        public bool Cancelled { get; private set; }

        public void Dispose() => Cancelled = true;
    }
}
