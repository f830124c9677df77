using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Orchestration.VirtualTime;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Backtest;

/// <summary>
/// Replays a recorded release through the real <see cref="ReleaseLoop"/> and <see cref="ReleaseDecider"/> in virtual
/// time: recorded telemetry (<see cref="RecordedTelemetrySource"/>), replayed slots (<see cref="ReplaySlotController"/>:
/// production = baseline, staging = candidate), an audit that passes, the policy's <see cref="BakePolicy"/> and the given
/// judge. The clock starts when the candidate first takes traffic, so the checks before it take no virtual time and the
/// decider swaps exactly at the recorded swapAt (checked). Canary steps become the decider's <see cref="CanaryPlan"/>.
/// Outcome → decision: Succeeded → promote (at the end of the bake), rolled back → rollback (at the RollbackStarted
/// time), humans paged → hold; reason = the decider's. Minutes after the last recorded row cannot be read: Errors.
/// </summary>
public static class BacktestRunner
{
    private const string ReleaseId = "backtest";

    public static BacktestResult Run(BacktestRelease release, ImmutableArray<TelemetryFrame> frames, RollbackPolicy policy, IReleaseJudge judge)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(judge);

        // Virtual time runs every continuation inline on this thread: no synchronization context may post them elsewhere.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return RunInVirtualTime(release, frames, policy, judge);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>
    /// The decider's canary plan for the recorded steps: each step lasts until the next, the last until the swap
    /// (or, without a swap, for one bake). Steps of unequal length are cut into equal stages of their greatest common
    /// length (a step of 30 min with 15-min stages is judged as two stages of the same share).
    /// </summary>
    public static CanaryPlan? CanaryPlanFor(BacktestRelease release, RollbackPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(policy);
        if (release.Mode != AnalysisMode.Canary || release.CanarySteps.IsDefaultOrEmpty) return null;
        var steps = release.CanarySteps.Where(s => release.SwapAt is not { } swap || s.At < swap).ToList();
        var end = release.SwapAt ?? steps[^1].At + policy.Bake;
        var lengths = steps.Select((s, i) => (int)Math.Round(((i + 1 < steps.Count ? steps[i + 1].At : end) - s.At).TotalMinutes)).ToList();
        if (lengths.Any(l => l < 1)) throw new ArgumentException("canarySteps: every step must last at least one whole minute", nameof(release));
        var stage = lengths.Aggregate(Gcd);
        var percents = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < steps.Count; i++)
        {
            var percent = Math.Clamp((int)Math.Round(steps[i].Percent), 1, 100);
            for (var k = 0; k < lengths[i] / stage; k++) percents.Add(percent);
        }

        return new CanaryPlan(percents.ToImmutable(), stage);
    }

    private static BacktestResult RunInVirtualTime(BacktestRelease release, ImmutableArray<TelemetryFrame> frames, RollbackPolicy policy, IReleaseJudge judge)
    {
        var start = release.StartedAt;
        var scheduler = new VirtualScheduler(start);
        var slots = new ReplaySlotController(release, () => scheduler.Now);
        var telemetry = new RecordedTelemetrySource(frames, () => scheduler.Now);
        var actions = new ReleaseActions(slots, telemetry, new ContainedSourceControl(), new ReplayShareJudge(judge, release), ReleaseActions.LookbackFor(policy.Judge));
        var store = new InMemoryReleaseStore();
        var loop = new ReleaseLoop(new VirtualReleaseRuntime(scheduler, actions, store));
        var request = new ReleaseRequest(ReleaseId, release.App.Length > 0 ? release.App : "backtest", release.CandidateVersion, ReplaySlotController.Candidate,
            ChangeType.Standard, DatabaseChange.None, "swap back", "backtest", [], CanaryPlanFor(release, policy), "backtest");
        var settings = ReleaseSettings.Default with { Bake = policy.ToBakePolicy() };

        var running = RunLoopAsync(loop, request, settings, start);
        scheduler.Run();
        if (running.IsFaulted) ExceptionDispatchInfo.Throw(running.Exception!.InnerException ?? running.Exception);

        var log = store.ReadAsync(ReleaseId, CancellationToken.None);
        if (!log.IsCompletedSuccessfully) throw new InvalidOperationException("the in-memory release log did not answer at once");
        var events = log.Result.Events.Select(ReleaseJson.FromEnvelope).ToImmutableArray();
        var state = ReleaseDecider.Fold(events);
        if (release.SwapAt is { } swapAt && state.SwappedAt is { } swappedAt && swappedAt != swapAt)
            throw new InvalidOperationException($"the release loop swapped at {swappedAt:O}, the recording at {swapAt:O}");

        var analyses = state.Verdicts.Select(v => v.Verdict).ToImmutableArray();
        if (state.Outcome == ReleaseOutcome.Succeeded)
            return new BacktestResult(BacktestDecision.Promote, state.EndedAt!.Value, state.OutcomeReason ?? "", analyses);
        if (state.Rollback is { } rollback)
            return new BacktestResult(BacktestDecision.Rollback, rollback.At, rollback.Reason, analyses);
        if (state.IsHolding)
            return new BacktestResult(BacktestDecision.Hold, events.OfType<HumansPaged>().Last().At, state.HoldReason!, analyses);
        if (slots.RecordingEndedAt is { } ended && !state.IsTerminal)
        {
            var last = analyses.IsEmpty ? "no analysis" : analyses[^1].Reason;
            return new BacktestResult(BacktestDecision.Promote, ended,
                $"canary passed every step ({state.Verdicts.Count} analyses, last: {last}); the recording ends before the candidate was promoted", analyses);
        }

        throw new InvalidOperationException($"the replay of {release.App} ended '{state.Status}' ({state.OutcomeReason ?? "no outcome"}), which a recorded release cannot reach");
    }

    private static async Task RunLoopAsync(ReleaseLoop loop, ReleaseRequest request, ReleaseSettings settings, DateTimeOffset start)
    {
        var state = await loop.ApplyAsync(ReleaseState.Initial, new RequestRelease(start, request, settings));
        state = await loop.ApplyAsync(state, new AdmitRelease(start));
        await loop.RunAsync(state);
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
