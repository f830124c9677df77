using System.Collections.Immutable;
using System.Threading.Channels;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// <see cref="IReleaseRuntime"/> in real time inside <c>dfb serve</c>: actions run in-process, waits are real timers
/// raced with signals from the API, and every event is appended to the store before the loop moves on, so a
/// restarted host resumes each release from its log (the swap is idempotent, so it is never repeated). Once appended, the
/// events are handed to the notification publisher, which queues them without waiting for delivery.
/// </summary>
public sealed class LocalReleaseRuntime(
    ReleaseActions actions, IReleaseStore store, TimeProvider time, Action<ReleaseStatusView> onStatus, CancellationToken stopping,
    INotificationPublisher? notifications = null)
    : IReleaseRuntime, ISignalTarget
{
    private readonly Channel<ReleaseSignal> _signals = Channel.CreateUnbounded<ReleaseSignal>();

    public DateTimeOffset Now => time.GetUtcNow();

    public Task<StepResult> RunActionAsync(StepAction action) => actions.ExecuteAsync(action, stopping);

    public async Task<ReleaseSignal?> WaitAsync(DateTimeOffset? until)
    {
        if (_signals.Reader.TryRead(out var ready)) return ready;
        if (until is null) return await _signals.Reader.ReadAsync(stopping);
        var delay = until.Value - Now;
        if (delay <= TimeSpan.Zero) return null;

        using var race = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var read = _signals.Reader.WaitToReadAsync(race.Token).AsTask();
        var timer = Task.Delay(delay, time, race.Token);
        await Task.WhenAny(read, timer);
        await race.CancelAsync();
        stopping.ThrowIfCancellationRequested();
        return _signals.Reader.TryRead(out var signal) ? signal : null;
    }

    public void Signal(ReleaseSignal signal) => _signals.Writer.TryWrite(signal);

    public async Task RecordAsync(ReleaseState after, long expectedVersion, ImmutableArray<ReleaseEvent> events)
    {
        await store.AppendAsync(after.Request!.ReleaseId, after.Request.App, expectedVersion, ReleaseJson.ToEnvelopes(expectedVersion, events), after.Status, stopping);
        if (notifications is not null) await notifications.PublishRecordedAsync(after, expectedVersion, events, stopping);
    }

    public void PublishStatus(ReleaseStatusView status) => onStatus(status);
}
