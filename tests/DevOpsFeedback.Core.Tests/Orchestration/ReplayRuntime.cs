using System.Collections.Immutable;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>
/// Answers <see cref="ReleaseLoop"/> only from a recorded history, the way Durable Functions replays an orchestrator:
/// the clock moves only as recorded, results and signals come from the tape, and a call the history does not hold
/// (another action, another wait) is a non-determinism error.
/// </summary>
internal sealed class ReplayRuntime(DateTimeOffset start, IReadOnlyList<RuntimeCall> tape) : IReleaseRuntime
{
    public DateTimeOffset Now { get; private set; } = start;

    public int Position { get; private set; }

    public List<StepAction> ActionsAsked { get; } = [];

    public List<DateTimeOffset?> WaitsAsked { get; } = [];

    public List<ReleaseEvent> Events { get; } = [];

    public Task<StepResult> RunActionAsync(StepAction action)
    {
        ActionsAsked.Add(action);
        var call = Take($"run {ReleaseJson.Serialize(action)}");
        if (call is not ActionCall recorded || ReleaseJson.Serialize(recorded.Action) != ReleaseJson.Serialize(action))
        {
            throw Diverged($"run {ReleaseJson.Serialize(action)}", call);
        }

        Now = recorded.After;
        return Task.FromResult(recorded.Result);
    }

    public Task<ReleaseSignal?> WaitAsync(DateTimeOffset? until)
    {
        WaitsAsked.Add(until);
        var call = Take($"wait until {until:O}");
        if (call is not WaitCall recorded || recorded.Until != until) throw Diverged($"wait until {until:O}", call);
        Now = recorded.After;
        return Task.FromResult(recorded.Signal);
    }

    public Task RecordAsync(ReleaseState after, long expectedVersion, ImmutableArray<ReleaseEvent> events)
    {
        Events.AddRange(events);
        return Task.CompletedTask;
    }

    public void PublishStatus(ReleaseStatusView status)
    {
    }

    private RuntimeCall Take(string asked) =>
        Position < tape.Count ? tape[Position++] : throw new InvalidOperationException($"replay diverged: the loop asked to {asked} after the end of the history ({tape.Count} calls)");

    private InvalidOperationException Diverged(string asked, RuntimeCall recorded) =>
        new($"replay diverged at call {Position}: the loop asked to {asked}, the history holds {recorded}");
}
