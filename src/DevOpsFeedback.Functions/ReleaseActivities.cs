using DevOpsFeedback.Azure.Hosting;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DevOpsFeedback.Functions;

/// <summary>The activities behind <see cref="DurableReleaseRuntime"/>: each wraps one Core call.</summary>
public sealed class ReleaseActivities(ReleaseActions actions, IReleaseStore store, ReleaseApiFactory api)
{
    [Function(nameof(RunAction))]
    public async Task<string> RunAction([ActivityTrigger] string action, FunctionContext context) =>
        ReleaseJson.Serialize(await actions.ExecuteAsync(ReleaseJson.Deserialize<StepAction>(action), context.CancellationToken));

    [Function(nameof(AppendEvents))]
    public Task AppendEvents([ActivityTrigger] string batch, FunctionContext context) =>
        EventBatch.AppendAsync(store, ReleaseJson.Deserialize<EventBatch>(batch), context.CancellationToken);

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
