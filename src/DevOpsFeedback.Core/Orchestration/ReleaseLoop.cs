using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>
/// The one driver of the decider: ask for the next step, carry it out through the runtime, feed the answer
/// back as a command, persist the events, repeat until the release is finished.
/// </summary>
public sealed class ReleaseLoop(IReleaseRuntime runtime)
{
    /// <summary>Safety net against a decider bug that would spin without progress.</summary>
    public const int MaxIterations = 100_000;

    public async Task<ReleaseState> RunAsync(ReleaseState state)
    {
        var (final, finished) = await RunStepsAsync(state, MaxIterations);
        return finished ? final : throw new InvalidOperationException($"release {state.Request?.ReleaseId} made no progress in {MaxIterations} steps");
    }

    /// <summary>
    /// Runs at most <paramref name="maxSteps"/> steps; a durable engine uses this to continue-as-new with a short
    /// history (the store holds every event, so the next run starts from the log).
    /// </summary>
    public async Task<(ReleaseState State, bool Finished)> RunStepsAsync(ReleaseState state, int maxSteps)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < maxSteps; i++)
        {
            state = await ApplyAsync(state, new Advance(runtime.Now));
            var step = ReleaseDecider.NextStep(state, runtime.Now);
            runtime.PublishStatus(new ReleaseStatusView(state.Request?.ReleaseId ?? "", state.Request?.App ?? "", state.Status, Describe(step), state.Version));

            switch (step)
            {
                case Finish:
                    return (state, true);
                case RunAction run:
                    var result = await runtime.RunActionAsync(run.Action);
                    state = await ApplyAsync(state, new RecordStepResult(runtime.Now, result));
                    break;
                case WaitForSignal wait:
                    var signal = await runtime.WaitAsync(wait.Until);
                    if (signal is not null) state = await ApplyAsync(state, signal.ToCommand(runtime.Now));
                    break;
                default:
                    throw new InvalidOperationException($"unknown step {step.GetType().Name}");
            }
        }

        return (state, false);
    }

    /// <summary>Decides a command against the state, persists the events, and returns the evolved state.</summary>
    public async Task<ReleaseState> ApplyAsync(ReleaseState state, ReleaseCommand command)
    {
        var events = ReleaseDecider.Decide(command, state);
        if (events.IsEmpty) return state;
        var after = events.Aggregate(state, ReleaseDecider.Evolve);
        await runtime.RecordAsync(after, state.Version, events);
        return after;
    }

    public static string Describe(ReleaseStep step) => step switch
    {
        RunAction r => r.Action.Name,
        WaitForSignal w => w.Reason,
        Finish f => $"finished: {ReleaseNames.Of(f.Outcome)}",
        _ => step.GetType().Name,
    };
}
