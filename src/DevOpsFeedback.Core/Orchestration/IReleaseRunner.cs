namespace DevOpsFeedback.Orchestration;

/// <summary>
/// How a host runs release loops: in-process (<see cref="InProcessReleaseRunner"/>) or as Durable Functions
/// orchestrations (instance id = release id). <see cref="ReleaseDesk"/> decides what to run; the runner only runs it.
/// </summary>
public interface IReleaseRunner
{
    /// <summary>Starts (or resumes) the loop of a release whose log exists in the store. Idempotent.</summary>
    Task StartAsync(string releaseId, CancellationToken cancellationToken);

    /// <summary>Delivers a signal to the running loop of a release; false when none runs here.</summary>
    Task<bool> SignalAsync(string releaseId, ReleaseSignal signal, CancellationToken cancellationToken);
}
