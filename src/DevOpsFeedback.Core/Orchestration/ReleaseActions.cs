using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>
/// Carries out the decider's actions through the ports. Every failure becomes a value the decider
/// understands: a telemetry failure is an Error verdict, anything else an <see cref="ActionFailed"/> with its cause.
/// <paramref name="baselineLookback"/> is how much baseline history before the start of the compared period the judge
/// gets: the judge policy's <see cref="JudgePolicy.BaselineMinutes"/> (see <see cref="LookbackFor"/>), so that
/// production judges against the baseline the judge was tuned on.
/// </summary>
public sealed class ReleaseActions(ISlotController slots, ITelemetrySource telemetry, ISourceControl source, IReleaseJudge judge, TimeSpan baselineLookback)
{
    /// <summary>How much baseline history before the start of the compared period the judge gets.</summary>
    public TimeSpan BaselineLookback { get; } = baselineLookback >= TimeSpan.Zero
        ? baselineLookback
        : throw new ArgumentOutOfRangeException(nameof(baselineLookback), baselineLookback, "baselineLookback: must be ≥ 0");

    /// <summary>The lookback a judge policy needs: its blue-green <see cref="JudgePolicy.BaselineMinutes"/>.</summary>
    public static TimeSpan LookbackFor(JudgePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return TimeSpan.FromMinutes(policy.BaselineMinutes);
    }

    public async Task<StepResult> ExecuteAsync(StepAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action switch
            {
                InspectSlots a => new SlotsRead(await slots.ReadSlotsAsync(a.App, cancellationToken)),
                CheckAncestry a => new AncestryChecked(await source.ContainsAsync(a.App, a.ProductionCommit, a.CandidateCommit, cancellationToken)),
                SmokeTest a => new SmokeTested(a.Slot, await slots.SmokeTestAsync(a.App, a.Slot, a.Spec, cancellationToken)),
                SetCanaryTraffic a => await SetCanaryAsync(a, cancellationToken),
                Analyze a => new Analyzed(await AnalyzeAsync(a, cancellationToken)),
                SwapSlots a => new SwapCompleted(await slots.SwapAsync(a.App, a.WantedProductionVersion, cancellationToken), IsSwapBack: false),
                SwapBack a => new SwapCompleted(await slots.SwapAsync(a.App, a.WantedProductionVersion, cancellationToken), IsSwapBack: true),
                _ => throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "unknown action"),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The failure is not swallowed: it becomes a recorded StepFailed event with its cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ActionFailed(action.Name, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<StepResult> SetCanaryAsync(SetCanaryTraffic a, CancellationToken cancellationToken)
    {
        await slots.SetCanaryAsync(a.App, a.Percent, cancellationToken);
        return new CanaryTrafficApplied(a.Percent);
    }

    private async Task<Verdict> AnalyzeAsync(Analyze a, CancellationToken cancellationToken)
    {
        var from = a.StartedAt - BaselineLookback;
        var data = await telemetry.QueryAsync(a.App, [a.BaselineVersion, a.CandidateVersion], from, a.Until, cancellationToken);
        if (!data.IsSuccess) return Verdict.Error(a.Until, $"telemetry unavailable: {data.Error}");
        var frames = data.Frames.All(f => f.Time < a.Until) ? data.Frames : data.Frames.Where(f => f.Time < a.Until).ToImmutableArray();
        var request = new AnalysisRequest(a.Mode, a.BaselineVersion, a.CandidateVersion, a.StartedAt, a.Until, a.Look, a.PlannedLooks,
            a.CandidateShare, frames);
        return judge.Analyze(request);
    }
}
