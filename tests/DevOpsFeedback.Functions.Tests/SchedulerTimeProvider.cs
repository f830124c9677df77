using DevOpsFeedback.Orchestration.VirtualTime;

namespace DevOpsFeedback.Functions;

/// <summary>The simulated world's virtual clock as a <see cref="TimeProvider"/> for the API use cases.</summary>
internal sealed class SchedulerTimeProvider(VirtualScheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now;
}
