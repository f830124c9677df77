using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Backtest;

/// <summary>
/// The slots of a recorded release: production runs the baseline, staging the candidate. Swaps, swap-backs and
/// canary routing are carried out and logged with their virtual time, so the backtest can check that the release
/// loop swapped exactly when the recording did. Without a recorded swap (a canary that was never promoted) the
/// recording ends where the loop asks to swap: that request never completes and <see cref="RecordingEndedAt"/> says when.
/// </summary>
public sealed class ReplaySlotController(BacktestRelease release, Func<DateTimeOffset> now) : ISlotController
{
    private const string BaselineCommit = "baseline";
    private const string CandidateCommit = "candidate";
    private readonly List<(DateTimeOffset At, string Production)> _swaps = [];
    private readonly List<(DateTimeOffset At, double Percent)> _canary = [];
    private string _production = release.BaselineVersion;
    private double _canaryPercent;

    /// <summary>The commit the replayed request names for the candidate.</summary>
    public static string Candidate => CandidateCommit;

    /// <summary>Swaps and swap-backs carried out: when, and what production ran after.</summary>
    public ImmutableArray<(DateTimeOffset At, string Production)> Swaps => [.. _swaps];

    /// <summary>Canary routing changes carried out.</summary>
    public ImmutableArray<(DateTimeOffset At, double Percent)> CanaryChanges => [.. _canary];

    /// <summary>When the loop asked for a swap the recording does not have (the replay ends there), else null.</summary>
    public DateTimeOffset? RecordingEndedAt { get; private set; }

    public Task<SlotsSnapshot> ReadSlotsAsync(string app, CancellationToken cancellationToken) => Task.FromResult(Snapshot());

    public Task<SwapResult> SwapAsync(string app, string wantedProductionVersion, CancellationToken cancellationToken)
    {
        if (wantedProductionVersion != release.BaselineVersion && wantedProductionVersion != release.CandidateVersion)
            throw new InvalidOperationException($"the recording has no version '{wantedProductionVersion}'");
        if (_production == wantedProductionVersion)
            return Task.FromResult(new SwapResult(false, $"production already runs {wantedProductionVersion}: nothing swapped", Snapshot()));
        if (wantedProductionVersion == release.CandidateVersion && release.SwapAt is null)
        {
            // The recording ends with the canary: there is no telemetry of a promoted candidate to replay.
            RecordingEndedAt = now();
            return new TaskCompletionSource<SwapResult>().Task;
        }

        _production = wantedProductionVersion;
        _canaryPercent = 0;
        _swaps.Add((now(), _production));
        return Task.FromResult(new SwapResult(true, $"replayed swap: production now runs {_production}", Snapshot()));
    }

    public Task SetCanaryAsync(string app, double percent, CancellationToken cancellationToken)
    {
        if (percent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "percent: must be 0–100");
        _canaryPercent = percent;
        _canary.Add((now(), percent));
        return Task.CompletedTask;
    }

    public Task<SmokeTestResult> SmokeTestAsync(string app, string slot, SmokeTestSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Task.FromResult(new SmokeTestResult(true, spec.ConsecutiveHealthy, $"replay: the recorded {slot} slot was serving"));
    }

    private SlotsSnapshot Snapshot()
    {
        var staging = _production == release.BaselineVersion ? release.CandidateVersion : release.BaselineVersion;
        return new SlotsSnapshot(Slot("production", _production), Slot("staging", staging), StickyNames.None, _canaryPercent);
    }

    private SlotState Slot(string name, string version) => new(
        name, "Running", $"{name}.replay", version, version == release.CandidateVersion ? CandidateCommit : BaselineCommit,
        ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty, null);
}
