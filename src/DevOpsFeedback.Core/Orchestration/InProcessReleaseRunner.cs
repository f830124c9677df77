using System.Collections.Concurrent;
using System.Collections.Immutable;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>
/// Runs each release's <see cref="ReleaseLoop"/> as a task in this process (local host, virtual time).
/// When a loop ends it tells the desk, which frees the app's queue place and admits the next release.
/// </summary>
public sealed class InProcessReleaseRunner(Func<string, IReleaseRuntime> runtimeFor) : IReleaseRunner
{
    private readonly ConcurrentDictionary<string, Loop> _running = new(StringComparer.Ordinal);

    /// <summary>Set by the desk: called with the final state when a loop ends.</summary>
    public Func<ReleaseState, Task>? OnFinished { get; set; }

    /// <summary>Loads a release's state from its log (set by the desk).</summary>
    public Func<string, CancellationToken, Task<ReleaseState>>? Load { get; set; }

    public ImmutableArray<string> Running => [.. _running.Keys.Order(StringComparer.Ordinal)];

    public async Task StartAsync(string releaseId, CancellationToken cancellationToken)
    {
        if (_running.ContainsKey(releaseId)) return;
        var state = await Load!(releaseId, cancellationToken);
        if (state.IsTerminal || !state.Exists) return;
        var runtime = runtimeFor(releaseId);
        var running = new Loop(runtime);
        if (!_running.TryAdd(releaseId, running)) return;
        running.Task = RunAsync(releaseId, state, runtime);
    }

    public Task<bool> SignalAsync(string releaseId, ReleaseSignal signal, CancellationToken cancellationToken)
    {
        if (!_running.TryGetValue(releaseId, out var running)) return Task.FromResult(false);
        ((ISignalTarget)running.Runtime).Signal(signal);
        return Task.FromResult(true);
    }

    /// <summary>Completes when no loop is running.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values.Select(r => r.Task));

    private async Task RunAsync(string releaseId, ReleaseState state, IReleaseRuntime runtime)
    {
        var final = await new ReleaseLoop(runtime).RunAsync(state);
        _running.TryRemove(releaseId, out _);
        if (OnFinished is { } done) await done(final);
    }

    private sealed class Loop(IReleaseRuntime runtime)
    {
        public IReleaseRuntime Runtime { get; } = runtime;

        public Task Task { get; set; } = Task.CompletedTask;
    }
}
