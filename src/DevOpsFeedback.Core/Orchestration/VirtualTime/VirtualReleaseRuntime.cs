using System.Collections.Immutable;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration.VirtualTime;

/// <summary>
/// <see cref="IReleaseRuntime"/> in virtual time for one release: actions run at once, waits are timers on the
/// <see cref="VirtualScheduler"/>, signals are delivered in order through the scheduler, events go to a store.
/// Signals that arrive while the release is not waiting are buffered, as a durable engine does.
/// </summary>
public sealed class VirtualReleaseRuntime(
    VirtualScheduler scheduler,
    ReleaseActions actions,
    IReleaseStore store,
    Action<ReleaseStatusView>? onStatus = null) : IReleaseRuntime, ISignalTarget
{
    private readonly Queue<ReleaseSignal> _buffered = new();
    private TaskCompletionSource<ReleaseSignal?>? _waiting;
    private IDisposable? _timer;

    public DateTimeOffset Now => scheduler.Now;

    /// <summary>Every action run, in order (for replay checks).</summary>
    public List<StepAction> ActionsRun { get; } = [];

    public Task<StepResult> RunActionAsync(StepAction action)
    {
        ActionsRun.Add(action);
        return actions.ExecuteAsync(action, CancellationToken.None);
    }

    public Task<ReleaseSignal?> WaitAsync(DateTimeOffset? until)
    {
        if (_waiting is not null) throw new InvalidOperationException("a release waits for one thing at a time");
        if (_buffered.TryDequeue(out var early)) return Task.FromResult<ReleaseSignal?>(early);
        var tcs = new TaskCompletionSource<ReleaseSignal?>();
        _waiting = tcs;
        if (until is { } t) _timer = scheduler.At(t, () => Complete(tcs, null));
        return tcs.Task;
    }

    /// <summary>Delivers a signal at the current virtual time (after work already queued for now).</summary>
    public void Signal(ReleaseSignal signal) => scheduler.At(scheduler.Now, () =>
    {
        if (_waiting is { } tcs) Complete(tcs, signal);
        else _buffered.Enqueue(signal);
    });

    public Task RecordAsync(ReleaseState after, long expectedVersion, ImmutableArray<ReleaseEvent> events) =>
        store.AppendAsync(after.Request!.ReleaseId, after.Request.App, expectedVersion, ReleaseJson.ToEnvelopes(expectedVersion, events), after.Status, CancellationToken.None);

    public void PublishStatus(ReleaseStatusView status) => onStatus?.Invoke(status);

    private void Complete(TaskCompletionSource<ReleaseSignal?> tcs, ReleaseSignal? signal)
    {
        if (!ReferenceEquals(_waiting, tcs)) return;
        _waiting = null;
        _timer?.Dispose();
        _timer = null;
        tcs.SetResult(signal);
    }
}
