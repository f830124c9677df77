using System.Collections.Immutable;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Releases;
using Microsoft.DurableTask;

namespace DevOpsFeedback.Functions;

/// <summary>
/// <see cref="IReleaseRuntime"/> on Durable Functions: actions and event appends are activities, waits race a durable
/// timer against the single "signal" external event (cancelling whichever lost), time is the replay-safe clock.
/// Payloads cross the boundary as our own JSON so the closed hierarchies keep their type discriminators.
/// </summary>
public sealed class DurableReleaseRuntime(TaskOrchestrationContext context) : IReleaseRuntime
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0));

    public DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<StepResult> RunActionAsync(StepAction action) =>
        ReleaseJson.Deserialize<StepResult>(await context.CallActivityAsync<string>(nameof(ReleaseActivities.RunAction), ReleaseJson.Serialize(action), Retry));

    public async Task<ReleaseSignal?> WaitAsync(DateTimeOffset? until)
    {
        using var cancel = new CancellationTokenSource();
        var signal = context.WaitForExternalEvent<string>(ReleaseSignal.EventName, cancel.Token);
        if (until is null) return ReleaseJson.Deserialize<ReleaseSignal>(await signal);
        var timer = context.CreateTimer(until.Value.UtcDateTime, cancel.Token);
        var first = await Task.WhenAny(signal, timer);
        cancel.Cancel();
        return first == signal ? ReleaseJson.Deserialize<ReleaseSignal>(await signal) : null;
    }

    public Task RecordAsync(ReleaseState after, long expectedVersion, ImmutableArray<ReleaseEvent> events) =>
        context.CallActivityAsync(nameof(ReleaseActivities.AppendEvents),
            ReleaseJson.Serialize(new EventBatch(after.Request!.ReleaseId, after.Request.App, expectedVersion, after.Status, events)), Retry);

    public void PublishStatus(ReleaseStatusView status) => context.SetCustomStatus(status);
}
