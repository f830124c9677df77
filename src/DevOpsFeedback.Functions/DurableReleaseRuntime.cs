using System.Collections.Immutable;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Releases;
using Microsoft.DurableTask;

namespace DevOpsFeedback.Functions;

/// <summary>
/// <see cref="IReleaseRuntime"/> on Durable Functions: actions and event appends are activities, waits race a durable
/// timer against the single "signal" external event (cancelling the timer when it lost; see <see cref="WaitAsync"/>), time is the replay-safe clock.
/// Payloads cross the boundary as our own JSON so the closed hierarchies keep their type discriminators.
/// </summary>
public sealed class DurableReleaseRuntime(TaskOrchestrationContext context) : IReleaseRuntime
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0));

    private Task<string>? _signal;

    public DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<StepResult> RunActionAsync(StepAction action) =>
        ReleaseJson.Deserialize<StepResult>(await context.CallActivityAsync<string>(nameof(ReleaseActivities.RunAction), ReleaseJson.Serialize(action), Retry));

    /// <summary>
    /// True when a signal has arrived that no wait has taken yet: the orchestrator must not continue-as-new over it,
    /// since the new generation's wait would never see it.
    /// </summary>
    public bool HasUnreadSignal => _signal is { IsCompleted: true };

    public async Task<ReleaseSignal?> WaitAsync(DateTimeOffset? until)
    {
        // One event wait stays outstanding across waits and is never cancelled: the SDK keeps a cancelled waiter on its
        // LIFO stack of waiters and hands the next event to it, so a signal arriving during the next activity (a red
        // button press during an analysis) would be dropped. Only the losing timer is cancelled.
        var signal = _signal ??= context.WaitForExternalEvent<string>(ReleaseSignal.EventName);
        if (until is { } deadline && !signal.IsCompleted)
        {
            using var cancelTimer = new CancellationTokenSource();
            var timer = context.CreateTimer(deadline.UtcDateTime, cancelTimer.Token);
            if (await Task.WhenAny(signal, timer) == timer)
            {
                await timer;
                return null;
            }

            cancelTimer.Cancel();
        }

        _signal = null;
        return ReleaseJson.Deserialize<ReleaseSignal>(await signal);
    }

    public Task RecordAsync(ReleaseState after, long expectedVersion, ImmutableArray<ReleaseEvent> events) =>
        context.CallActivityAsync(nameof(ReleaseActivities.AppendEvents),
            ReleaseJson.Serialize(new EventBatch(after.Request!.ReleaseId, after.Request.App, expectedVersion, after.Status, events)), Retry);

    public void PublishStatus(ReleaseStatusView status) => context.SetCustomStatus(status);
}
