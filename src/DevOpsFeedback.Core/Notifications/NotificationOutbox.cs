using System.Threading.Channels;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Lets a release hand over notifications without waiting for delivery: <see cref="Enqueue"/> never blocks, and
/// <see cref="RunAsync"/> (a host's background service) dispatches them. Notifications about one release (or one app, for
/// app-level ones) are delivered in the order given; different releases proceed in parallel, so a sink that is down
/// slows only what is routed to it. A full queue refuses (counted in <see cref="Dropped"/>) rather than block a release.
/// </summary>
public sealed class NotificationOutbox : IDisposable
{
    private const int PruneAbove = 256;
    private readonly NotificationDispatcher _dispatcher;
    private readonly Channel<Notification> _queue;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private long _dropped;
    private long _handlerFailures;

    public NotificationOutbox(NotificationDispatcher dispatcher, int capacity = 10_000, int concurrency = 8)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _dispatcher = dispatcher;
        _queue = Channel.CreateBounded<Notification>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _slots = new SemaphoreSlim(concurrency, concurrency);
    }

    /// <summary>Raised with each notification's outcome (every attempt is also in the dispatcher's log).</summary>
    public event Action<DispatchResult>? Dispatched;

    /// <summary>Notifications refused because the queue was full or closed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>How many times a <see cref="Dispatched"/> handler threw (the exception is kept in <see cref="LastHandlerError"/>).</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    public Exception? LastHandlerError { get; private set; }

    /// <summary>Queues a notification; false (and counted) when the queue is full or closed. Never blocks.</summary>
    public bool Enqueue(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (_queue.Writer.TryWrite(notification)) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Queues each notification in order; returns how many were accepted.</summary>
    public int Enqueue(IEnumerable<Notification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        return notifications.Count(Enqueue);
    }

    /// <summary>No more notifications: <see cref="RunAsync"/> ends once the queue is delivered.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Dispatches queued notifications until <see cref="Complete"/> and the queue is drained, or until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var n in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                var key = n.ReleaseId ?? "app:" + n.App;
                lock (_gate)
                {
                    if (_tails.Count >= PruneAbove)
                    {
                        foreach (var done in _tails.Where(t => t.Value.IsCompleted).Select(t => t.Key).ToList()) _tails.Remove(done);
                    }

                    var previous = _tails.GetValueOrDefault(key) ?? Task.CompletedTask;
                    _tails[key] = DeliverAfterAsync(previous, n, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is in flight finishes below (the dispatcher records cancelled attempts); the rest stays unsent.
            Complete();
        }

        Task[] inFlight;
        lock (_gate) inFlight = [.. _tails.Values];
        await Task.WhenAll(inFlight);
    }

    private async Task DeliverAfterAsync(Task previous, Notification n, CancellationToken cancellationToken)
    {
        await previous;
        await _slots.WaitAsync(CancellationToken.None);
        try
        {
            var result = await _dispatcher.DispatchAsync(n, cancellationToken);
            try
            {
                Dispatched?.Invoke(result);
            }
            catch (Exception ex)
            {
                // A handler's failure must not stop delivery of the rest: counted and kept for the host to report.
                LastHandlerError = ex;
                Interlocked.Increment(ref _handlerFailures);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Call after <see cref="RunAsync"/> has ended.</summary>
    public void Dispose() => _slots.Dispose();
}
