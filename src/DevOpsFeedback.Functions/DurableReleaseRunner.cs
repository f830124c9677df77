using DevOpsFeedback.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DevOpsFeedback.Functions;

/// <summary><see cref="IReleaseRunner"/> on Durable Functions: a release's loop is the orchestration whose instance id is the release id.</summary>
public sealed class DurableReleaseRunner(DurableTaskClient client) : IReleaseRunner
{
    public async Task StartAsync(string releaseId, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(releaseId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && IsAlive(existing.RuntimeStatus)) return;
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ReleaseOrchestrator.RunRelease), releaseId,
            new StartOrchestrationOptions { InstanceId = releaseId }, cancellationToken);
    }

    public async Task<bool> SignalAsync(string releaseId, ReleaseSignal signal, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(releaseId, getInputsAndOutputs: false, cancellationToken);
        if (existing is null || !IsAlive(existing.RuntimeStatus)) return false;
        await client.RaiseEventAsync(releaseId, ReleaseSignal.EventName, ReleaseJson.Serialize(signal), cancellationToken);
        return true;
    }

    // ContinuedAsNew is [Obsolete] in the SDK (a transient status, normally reported as Running); if a backend still
    // reports it, the instance is alive all the same.
#pragma warning disable CS0618
    private static bool IsAlive(OrchestrationRuntimeStatus status) => status is OrchestrationRuntimeStatus.Running
        or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618
}
