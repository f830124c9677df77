using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Simulation;

/// <summary>An app in the simulator: what its two slots run and how it is configured.</summary>
public sealed record SimulatedApp(
    string Name,
    SlotState Production,
    SlotState Staging,
    StickyNames Sticky,
    TrafficProfile Traffic)
{
    /// <summary>A safely configured app: connection string "Db" and setting "ENVIRONMENT" sticky and different per slot.</summary>
    public static SimulatedApp Standard(string app, string version, string commit, string stagingVersion, string stagingCommit, double requestsPerMinute) => new(
        app,
        Slot("production", app, version, commit, $"Server=sql-{app}-prod"),
        Slot("staging", app, stagingVersion, stagingCommit, $"Server=sql-{app}-staging"),
        new StickyNames(["ENVIRONMENT"], ["Db"]),
        new TrafficProfile(requestsPerMinute));

    private static SlotState Slot(string name, string app, string version, string commit, string db) => new(
        name, "Running", name == "production" ? $"{app}.azurewebsites.net" : $"{app}-{name}.azurewebsites.net", version, commit,
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("ENVIRONMENT", name)]),
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("Db", db)]),
        "/healthz");
}

/// <summary>A swap as the simulated App Service logged it.</summary>
public sealed record SwapRecord(DateTimeOffset At, string App, string FromProduction, string ToProduction);

/// <summary>
/// An in-memory App Service with production and staging slots (versions, commits, settings, sticky names,
/// traffic routing, swap) and seeded traffic per version. It is both the deployment target and the telemetry
/// source of the demo, the tests and the local host's embedded default. Thread-safe; the clock is an input.
/// </summary>
public sealed class SimulatedAppService(Func<DateTimeOffset> clock, int seed) : ISlotController, ITelemetrySource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AppRecord> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VersionBehavior> _behaviors = new(StringComparer.Ordinal);
    private readonly List<SwapRecord> _swaps = [];

    /// <summary>Every swap, in order.</summary>
    public ImmutableArray<SwapRecord> SwapLog
    {
        get { lock (_gate) return [.. _swaps]; }
    }

    /// <summary>When set, telemetry queries fail with this cause (an outage of the telemetry service).</summary>
    public string? TelemetryOutage { get; set; }

    /// <summary>When set, the next swap fails with this cause and changes nothing.</summary>
    public string? FailNextSwap { get; set; }

    public void AddApp(SimulatedApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        lock (_gate)
        {
            var record = new AppRecord(app);
            record.Routing.Add(new Routing(DateTimeOffset.MinValue, app.Production.Version ?? "", app.Staging.Version ?? "", 0));
            _apps[app.Name] = record;
        }
    }

    public bool HasApp(string app)
    {
        lock (_gate) return _apps.ContainsKey(app);
    }

    public ImmutableArray<string> Apps
    {
        get { lock (_gate) return [.. _apps.Keys.Order(StringComparer.Ordinal)]; }
    }

    /// <summary>How a version behaves (default: healthy, 0.2% errors, 80 ms median).</summary>
    public void SetBehavior(string version, VersionBehavior behavior)
    {
        lock (_gate)
        {
            _behaviors[version] = behavior;
            foreach (var a in _apps.Values) a.Frames.Clear();
        }
    }

    /// <summary>A pipeline's deployment: puts a new build on the staging slot.</summary>
    public void DeployToStaging(string app, string version, string commit)
    {
        lock (_gate)
        {
            var a = Get(app);
            a.Staging = a.Staging with { Version = version, Commit = commit };
            a.Routing.Add(new Routing(clock(), a.Production.Version ?? "", version, a.Canary));
        }
    }

    public Task<SlotsSnapshot> ReadSlotsAsync(string app, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var a = Get(app);
            return Task.FromResult(a.Snapshot());
        }
    }

    public Task<SwapResult> SwapAsync(string app, string wantedProductionVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var a = Get(app);
            if (a.Production.Version == wantedProductionVersion)
            {
                return Task.FromResult(new SwapResult(false, $"production already runs {wantedProductionVersion}: nothing swapped", a.Snapshot()));
            }

            if (FailNextSwap is { } cause)
            {
                FailNextSwap = null;
                throw new InvalidOperationException(cause);
            }

            var from = a.Production.Version ?? "";
            (a.Production, a.Staging) = (Carry(a.Staging, a.Production, a.Sticky), Carry(a.Production, a.Staging, a.Sticky));
            _swaps.Add(new SwapRecord(clock(), app, from, a.Production.Version ?? ""));
            a.Routing.Add(new Routing(clock(), a.Production.Version ?? "", a.Staging.Version ?? "", a.Canary));
            return Task.FromResult(new SwapResult(true, $"swapped: production now runs {a.Production.Version}, staging holds {a.Staging.Version}", a.Snapshot()));
        }
    }

    public Task SetCanaryAsync(string app, double percent, CancellationToken cancellationToken)
    {
        if (percent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "must be 0–100");
        lock (_gate)
        {
            var a = Get(app);
            a.Canary = percent;
            a.Routing.Add(new Routing(clock(), a.Production.Version ?? "", a.Staging.Version ?? "", percent));
        }

        return Task.CompletedTask;
    }

    public Task<SmokeTestResult> SmokeTestAsync(string app, string slot, SmokeTestSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            var a = Get(app);
            var state = slot == "production" ? a.Production : a.Staging;
            var healthy = Behavior(state.Version ?? "").Healthy && state.State == "Running";
            return Task.FromResult(healthy
                ? new SmokeTestResult(true, spec.ConsecutiveHealthy, $"{spec.ConsecutiveHealthy} consecutive 200 from {state.HostName}{state.HealthCheckPath}")
                : new SmokeTestResult(false, spec.ConsecutiveHealthy, $"{state.HostName}{state.HealthCheckPath} answered 503 ({state.Version})"));
        }
    }

    public Task<TelemetryResult> QueryAsync(string app, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (TelemetryOutage is { } outage) return Task.FromResult(TelemetryResult.Failed(outage));
        lock (_gate)
        {
            var a = Get(app);
            var end = Min(to, Floor(clock()));
            var start = Floor(from);
            var frames = ImmutableArray.CreateBuilder<TelemetryFrame>(Math.Max(0, (int)((end - start).TotalMinutes * 2)));
            var routes = a.Routing;
            var ri = routes.Count - 1;
            while (ri > 0 && routes[ri].At > start) ri--;
            for (var minute = start; minute < end; minute = minute.AddMinutes(1))
            {
                while (ri + 1 < routes.Count && routes[ri + 1].At <= minute) ri++;
                var routing = routes[ri];
                var total = a.App.Traffic.ExpectedAt(minute);
                var stagingShare = routing.Production == routing.Staging ? 0 : routing.Canary / 100;
                Add(routing.Production, 1 - stagingShare);
                if (stagingShare > 0) Add(routing.Staging, stagingShare);

                void Add(string version, double share)
                {
                    if (share > 0 && versions.Contains(version)) frames.Add(FrameAt(a, version, minute, total * share));
                }
            }

            return Task.FromResult(new TelemetryResult(frames.ToImmutable(), null));
        }
    }

    private TelemetryFrame FrameAt(AppRecord a, string version, DateTimeOffset minute, double expected)
    {
        var key = (version, minute.UtcTicks, expected);
        if (a.Frames.TryGetValue(key, out var frame)) return frame;
        if (a.Frames.Count >= 100_000) a.Frames.Clear();
        return a.Frames[key] = TrafficGenerator.Frame(seed, a.App.Name, version, minute, expected, Behavior(version));
    }

    /// <summary>On a swap, the code and its non-sticky settings move; sticky settings stay with the slot.</summary>
    private static SlotState Carry(SlotState source, SlotState target, StickyNames sticky) => target with
    {
        Version = source.Version,
        Commit = source.Commit,
        AppSettings = Merge(source.AppSettings, target.AppSettings, sticky.AppSettingNames),
        ConnectionStrings = Merge(source.ConnectionStrings, target.ConnectionStrings, sticky.ConnectionStringNames),
    };

    private static ImmutableSortedDictionary<string, string> Merge(
        ImmutableSortedDictionary<string, string> moving, ImmutableSortedDictionary<string, string> staying, ImmutableSortedSet<string> stickyNames)
    {
        var result = moving.Where(kv => !stickyNames.Contains(kv.Key)).ToImmutableSortedDictionary(StringComparer.Ordinal);
        foreach (var kv in staying.Where(kv => stickyNames.Contains(kv.Key))) result = result.SetItem(kv.Key, kv.Value);
        return result;
    }

    private VersionBehavior Behavior(string version) => _behaviors.GetValueOrDefault(version, VersionBehavior.Good);

    private AppRecord Get(string app) =>
        _apps.TryGetValue(app, out var a) ? a : throw new KeyNotFoundException($"the simulated App Service has no app '{app}'");

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcDateTime.Ticks - (t.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Routing(DateTimeOffset At, string Production, string Staging, double Canary);

    private sealed class AppRecord(SimulatedApp app)
    {
        public SimulatedApp App { get; } = app;
        public SlotState Production { get; set; } = app.Production;
        public SlotState Staging { get; set; } = app.Staging;
        public StickyNames Sticky { get; } = app.Sticky;
        public double Canary { get; set; }
        public List<Routing> Routing { get; } = [];

        /// <summary>Frames are generated once: each analysis re-reads the same minutes, so this keeps virtual time fast.</summary>
        public Dictionary<(string Version, long Minute, double Expected), TelemetryFrame> Frames { get; } = [];

        public SlotsSnapshot Snapshot() => new(Production, Staging, Sticky, Canary);
    }
}
