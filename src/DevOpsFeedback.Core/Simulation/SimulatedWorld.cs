using System.Collections.Immutable;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Orchestration.VirtualTime;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Simulation;

/// <summary>
/// Everything a release needs, in virtual time: clock, simulated App Service and repository, a judge,
/// in-memory stores and the <see cref="ReleaseDesk"/>. Used by <c>dfb demo</c> and by the tests.
/// </summary>
public sealed class SimulatedWorld
{
    /// <param name="baselineLookback">History before the compared period each analysis reads; by default what the statistical judge needs.</param>
    public SimulatedWorld(DateTimeOffset start, int seed, IReleaseJudge? judge = null, IReleaseStore? store = null, IDocumentStore? documents = null, TimeSpan? baselineLookback = null)
    {
        Scheduler = new VirtualScheduler(start);
        AppService = new SimulatedAppService(() => Scheduler.Now, seed);
        Source = new SimulatedSourceControl();
        var policy = new Analysis.RollbackPolicy();
        Judge = judge ?? new Analysis.StatisticalJudge(policy.Judge);
        Store = store ?? new InMemoryReleaseStore();
        Documents = documents ?? new InMemoryDocumentStore();
        Actions = new ReleaseActions(AppService, AppService, Source, Judge, baselineLookback ?? ReleaseActions.LookbackFor(policy.Judge));
        Desk = ReleaseDesk.InProcess(Store, new AppQueue(Documents), AppService, id =>
        {
            var runtime = new VirtualReleaseRuntime(Scheduler, Actions, Store);
            Runtimes[id] = runtime;
            return runtime;
        });
    }

    public VirtualScheduler Scheduler { get; }
    public SimulatedAppService AppService { get; }
    public SimulatedSourceControl Source { get; }
    public IReleaseJudge Judge { get; }
    public IReleaseStore Store { get; }
    public IDocumentStore Documents { get; }
    public ReleaseActions Actions { get; }
    public ReleaseDesk Desk { get; }
    public Dictionary<string, VirtualReleaseRuntime> Runtimes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ReleaseSettings> SettingsByApp { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now => Scheduler.Now;

    /// <summary>Adds an app whose production runs <paramref name="version"/> at <paramref name="commit"/>, staging the same, with safe settings.</summary>
    public void AddApp(string app, string version, string commit, double requestsPerMinute = 600, ReleaseSettings? settings = null)
    {
        Source.Commit(commit);
        AppService.AddApp(SimulatedApp.Standard(app, version, commit, version, commit, requestsPerMinute));
        SettingsByApp[app] = settings ?? ReleaseSettings.Default;
    }

    /// <summary>What a pipeline does: commit, deploy to staging.</summary>
    public void Build(string app, string version, string commit, params string[] parents)
    {
        Source.Commit(commit, parents);
        AppService.DeployToStaging(app, version, commit);
    }

    public Task<SubmitResult> SubmitAsync(ReleaseRequest request) =>
        Desk.SubmitAsync(request, SettingsByApp[request.App], Now, CancellationToken.None);

    /// <summary>Schedules <paramref name="work"/> at a virtual time.</summary>
    public void At(DateTimeOffset at, Func<Task> work) => Scheduler.At(at, () => Observe(work()));

    /// <summary>Runs virtual time until nothing is left to do (or the limit).</summary>
    public void Run(DateTimeOffset? until = null) => Scheduler.Run(until);

    public async Task<ReleaseState> StateAsync(string releaseId) => await Desk.LoadAsync(releaseId, CancellationToken.None);

    public async Task<ImmutableArray<ReleaseEvent>> EventsAsync(string releaseId) =>
        [.. (await Store.ReadAsync(releaseId, CancellationToken.None)).Events.Select(ReleaseJson.FromEnvelope)];

    public static ReleaseRequest Request(string id, string app, string version, string commit, ChangeType type = ChangeType.Standard,
        DatabaseChange db = DatabaseChange.None, CanaryPlan? canary = null, string requestedBy = "pipeline") =>
        new(id, app, version, commit, type, db, "swap back", requestedBy, [], canary, "default");


    private static void Observe(Task task)
    {
        if (task.IsFaulted) throw task.Exception!.InnerException ?? task.Exception;
    }
}
