using DevOpsFeedback.Azure.Hosting;
using DevOpsFeedback.Azure.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DevOpsFeedback.Functions;

/// <summary>The activities behind <see cref="DurableReleaseRuntime"/>: each wraps one Core call.</summary>
public sealed class ReleaseActivities(ReleaseActions actions, IReleaseStore store, ReleaseApiFactory api, EventBatchNotifier notifier)
{
    [Function(nameof(RunAction))]
    public async Task<string> RunAction([ActivityTrigger] string action, FunctionContext context) =>
        ReleaseJson.Serialize(await actions.ExecuteAsync(ReleaseJson.Deserialize<StepAction>(action), context.CancellationToken));

    /// <summary>Appends the batch, then stores its notifications in the outbox (delivered by its drain, never here); never fails on them.</summary>
    [Function(nameof(AppendEvents))]
    public async Task AppendEvents([ActivityTrigger] string batch, FunctionContext context)
    {
        var events = ReleaseJson.Deserialize<EventBatch>(batch);
        await EventBatch.AppendAsync(store, events, context.CancellationToken);
        await notifier.EnqueueAsync(events, context.CancellationToken);
    }

    [Function(nameof(LoadRelease))]
    public async Task<string> LoadRelease([ActivityTrigger] string releaseId, FunctionContext context) =>
        ReleaseJson.Serialize((await store.ReadAsync(releaseId, context.CancellationToken)).Events.Select(ReleaseJson.FromEnvelope).ToArray());

    [Function(nameof(CompleteRelease))]
    public async Task CompleteRelease([ActivityTrigger] string releaseId, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var desk = api.Desk(new DurableReleaseRunner(client));
        await desk.CompleteAsync(await desk.LoadAsync(releaseId, context.CancellationToken), context.CancellationToken);
    }
}
