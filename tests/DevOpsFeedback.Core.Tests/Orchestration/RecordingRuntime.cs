using System.Collections.Immutable;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>Records every awaited call of a live runtime, and every event it persists, as a durable engine's history would.</summary>
internal sealed class RecordingRuntime(IReleaseRuntime inner) : IReleaseRuntime, ISignalTarget
{
    public List<RuntimeCall> Tape { get; } = [];

    public List<ReleaseEvent> Events { get; } = [];

    public DateTimeOffset Now => inner.Now;

    public async Task<StepResult> RunActionAsync(StepAction action)
    {
        var result = await inner.RunActionAsync(action);
        Tape.Add(new ActionCall(action, result, inner.Now));
        return result;
    }

    public async Task<ReleaseSignal?> WaitAsync(DateTimeOffset? until)
    {
        var signal = await inner.WaitAsync(until);
        Tape.Add(new WaitCall(until, signal, inner.Now));
        return signal;
    }

    public Task RecordAsync(ReleaseState after, long expectedVersion, ImmutableArray<ReleaseEvent> events)
    {
        Events.AddRange(events);
        return inner.RecordAsync(after, expectedVersion, events);
    }

    public void PublishStatus(ReleaseStatusView status) => inner.PublishStatus(status);

    public void Signal(ReleaseSignal signal) => ((ISignalTarget)inner).Signal(signal);
}
