using System.Collections.Immutable;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Releases;

/// <summary>
/// A release store that watches every append of a <see cref="Simulation.SimulatedWorld"/>: which releases of an app
/// are active (admitted, unfinished) at each moment, the order of admission, and what production runs when a
/// release says it swapped or rolled back. Breaches are collected, not thrown, so the world runs to the end.
/// </summary>
internal sealed class WatchingReleaseStore : IReleaseStore
{
    private readonly InMemoryReleaseStore _inner = new();
    private readonly Dictionary<string, Watched> _releases = new(StringComparer.Ordinal);

    /// <summary>Reads what production runs now (the simulated App Service).</summary>
    public Func<string, SlotsSnapshot>? ReadSlots { get; set; }

    /// <summary>Called when a release is admitted, before it takes its first step (the pipeline deploys its build then).</summary>
    public Action<string, string>? OnAdmitted { get; set; }

    public List<string> Breaches { get; } = [];

    public List<string> Admitted { get; } = [];

    public async Task AppendAsync(string releaseId, string app, long expectedVersion, IReadOnlyList<EventEnvelope> events, string status, CancellationToken cancellationToken)
    {
        await _inner.AppendAsync(releaseId, app, expectedVersion, events, status, cancellationToken);
        foreach (var e in events.Select(ReleaseJson.FromEnvelope))
        {
            Observe(releaseId, app, e);
        }

        _releases[releaseId].Terminal = ReleaseIndexEntry.TerminalStatuses.Contains(status);
        var active = _releases.Where(r => r.Value.App == app && r.Value.IsAdmitted && !r.Value.Terminal).Select(r => r.Key).ToArray();
        if (active.Length > 1) Breaches.Add($"{app} has {active.Length} active releases: {string.Join(", ", active)}");
    }

    private void Observe(string releaseId, string app, ReleaseEvent e)
    {
        switch (e)
        {
            case ReleaseRequested r:
                _releases[releaseId] = new Watched(app, r.Request.CandidateVersion);
                break;
            case ReleaseAdmitted:
                _releases[releaseId].IsAdmitted = true;
                Admitted.Add(releaseId);
                OnAdmitted?.Invoke(app, releaseId);
                break;
            case SlotsInspected s:
                _releases[releaseId].Baseline = s.Slots.Production.Version;
                break;
            case SlotsSwapped { Swapped: true } s when s.ProductionVersion != _releases[releaseId].Candidate:
                Breaches.Add($"{releaseId} swapped {s.ProductionVersion} into production, not its own candidate {_releases[releaseId].Candidate}");
                break;
            case ReleaseRolledBack when ReadSlots?.Invoke(app) is { } slots:
                var w = _releases[releaseId];
                if (slots.Production.Version != w.Baseline || slots.CanaryPercent != 0)
                {
                    Breaches.Add($"{releaseId} rolled back but production runs {slots.Production.Version} (baseline {w.Baseline}) with {slots.CanaryPercent}% canary");
                }

                break;
        }
    }

    public Task<ReleaseLog> ReadAsync(string releaseId, CancellationToken cancellationToken) => _inner.ReadAsync(releaseId, cancellationToken);

    public Task<ImmutableArray<ReleaseIndexEntry>> ListByAppAsync(string app, CancellationToken cancellationToken) => _inner.ListByAppAsync(app, cancellationToken);

    public Task<ImmutableArray<ReleaseIndexEntry>> ListActiveAsync(CancellationToken cancellationToken) => _inner.ListActiveAsync(cancellationToken);

    public Task<ImmutableArray<ReleaseIndexEntry>> ListAllAsync(CancellationToken cancellationToken) => _inner.ListAllAsync(cancellationToken);

    private sealed class Watched(string app, string candidate)
    {
        public string App { get; } = app;
        public string Candidate { get; } = candidate;
        public string? Baseline { get; set; }
        public bool IsAdmitted { get; set; }
        public bool Terminal { get; set; }
    }
}
