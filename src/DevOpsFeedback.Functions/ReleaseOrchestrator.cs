using System.Collections.Immutable;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Releases;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DevOpsFeedback.Functions;

/// <summary>One orchestration per release (instance id = release id) running the shared <see cref="ReleaseLoop"/>.</summary>
public static class ReleaseOrchestrator
{
    /// <summary>Steps per orchestration generation before continue-as-new keeps the history short.</summary>
    public const int StepsPerGeneration = 100;

    [Function(nameof(RunRelease))]
    public static async Task<string> RunRelease([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var releaseId = context.GetInput<string>() ?? context.InstanceId;
        var log = await context.CallActivityAsync<string>(nameof(ReleaseActivities.LoadRelease), releaseId);
        var state = ReleaseDecider.Fold(ReleaseJson.Deserialize<ImmutableArray<ReleaseEvent>>(log));
        if (!state.Exists) throw new InvalidOperationException($"release '{releaseId}' has no event log: an orchestration runs only a submitted release");
        var runtime = new DurableReleaseRuntime(context);
        var loop = new ReleaseLoop(runtime);
        var (final, finished) = await loop.RunStepsAsync(state, StepsPerGeneration);

        // A signal that arrived during the last steps sits in this generation's event wait: take it before moving on.
        while (!finished && runtime.HasUnreadSignal) (final, finished) = await loop.RunStepsAsync(final, 1);
        if (!finished)
        {
            context.ContinueAsNew(releaseId);
            return final.Status;
        }

        await context.CallActivityAsync(nameof(ReleaseActivities.CompleteRelease), releaseId);
        return final.Status;
    }
}
