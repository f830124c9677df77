using System.Collections.Concurrent;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;

namespace DevOpsFeedback.Orchestration;

/// <summary>What happened to a submitted release request.</summary>
public sealed record SubmitResult(string ReleaseId, bool Created, string Status);

/// <summary>What happened to a signal: <see cref="Accepted"/> is false with the reason when the release cannot take it.</summary>
public sealed record SignalResult(bool Found, bool Accepted, string Reason);

/// <summary>
/// The front desk of releases, the same in every host: takes requests, keeps one release per app running with the
/// rest queued in arrival order, checks signals against the release's state before delivering them, backs out,
/// and resumes unfinished releases. How loops run is the <see cref="IReleaseRunner"/>'s business.
/// </summary>
public sealed class ReleaseDesk(IReleaseStore store, AppQueue queue, ISlotController slots, IReleaseRunner runner) : Api.IReleaseEngine
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _appLocks = new(StringComparer.Ordinal);

    /// <summary>Raised when a release's loop ends (after its queue place is freed).</summary>
    public event Action<ReleaseState>? Finished;

    public IReleaseStore Store => store;

    public IReleaseRunner Runner => runner;

    /// <summary>
    /// Where the events the desk itself appends (request, backout) are published. They are published after the append
    /// and before the loop starts, so "queued" always precedes what the loop publishes.
    /// </summary>
    public Notifications.INotificationPublisher Notifications { get; init; } = DevOpsFeedback.Notifications.NoNotifications.Instance;

    /// <summary>A desk whose loops run in this process (local host and virtual time).</summary>
    public static ReleaseDesk InProcess(IReleaseStore store, AppQueue queue, ISlotController slots, Func<string, IReleaseRuntime> runtimeFor,
        Notifications.INotificationPublisher? notifications = null)
    {
        var runner = new InProcessReleaseRunner(runtimeFor);
        var desk = new ReleaseDesk(store, queue, slots, runner) { Notifications = notifications ?? DevOpsFeedback.Notifications.NoNotifications.Instance };
        runner.Load = desk.LoadAsync;
        runner.OnFinished = final => desk.CompleteAsync(final, CancellationToken.None);
        return desk;
    }

    public async Task<SubmitResult> SubmitAsync(ReleaseRequest request, ReleaseSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await LoadAsync(request.ReleaseId, cancellationToken);
        if (existing.Exists) return new SubmitResult(request.ReleaseId, false, existing.Status);

        var events = ReleaseDecider.Decide(new RequestRelease(now, request, settings), ReleaseState.Initial);
        var state = events.Aggregate(ReleaseState.Initial, ReleaseDecider.Evolve);
        try
        {
            await store.AppendAsync(request.ReleaseId, request.App, 0, ReleaseJson.ToEnvelopes(0, events), state.Status, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            var winner = await LoadAsync(request.ReleaseId, cancellationToken);
            return new SubmitResult(request.ReleaseId, false, winner.Status);
        }

        await Notifications.PublishRecordedAsync(state, 0, events, cancellationToken);
        await queue.EnqueueAsync(request.App, request.ReleaseId, cancellationToken);
        await runner.StartAsync(request.ReleaseId, cancellationToken);
        await AdmitHeadAsync(request.App, cancellationToken);
        return new SubmitResult(request.ReleaseId, true, state.Status);
    }

    /// <summary>Delivers a signal to a running release; says why not when it cannot take it now.</summary>
    public async Task<SignalResult> SignalAsync(string releaseId, ReleaseSignal signal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var state = await LoadAsync(releaseId, cancellationToken);
        if (!state.Exists) return new SignalResult(false, false, $"no release '{releaseId}'");
        if (state.IsTerminal) return new SignalResult(true, false, $"release {releaseId} has ended: {state.Status} ({state.OutcomeReason})");
        var wouldDo = ReleaseDecider.Decide(signal.ToCommand(now), state);
        if (wouldDo.IsEmpty) return new SignalResult(true, false, $"release {releaseId} is {state.Status}: nothing to do for this request now");
        if (wouldDo[0] is ApprovalRefused refused) return new SignalResult(true, false, refused.Reason);
        if (!await runner.SignalAsync(releaseId, signal, cancellationToken)) return new SignalResult(true, false, $"release {releaseId} is not running in this host");
        return new SignalResult(true, true, $"delivered to {releaseId} ({state.Status})");
    }

    /// <summary>The red button after a release: backs out the app's last release when it is safe, else says why not.</summary>
    public async Task<(bool Started, string Reason, string? ReleaseId)> BackoutAsync(string app, string requestedBy, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (last, readiness) = await RedButtonAsync(app, cancellationToken);
        if (last is null || !readiness.Available) return (false, readiness.Reason, last?.Request?.ReleaseId);
        var id = last.Request!.ReleaseId;
        var events = ReleaseDecider.Decide(new RequestBackout(now, requestedBy, reason), last);
        if (events.IsEmpty) return (false, $"release {id} is {last.Status}", id);
        var after = events.Aggregate(last, ReleaseDecider.Evolve);
        await store.AppendAsync(id, app, last.Version, ReleaseJson.ToEnvelopes(last.Version, events), after.Status, cancellationToken);
        await Notifications.PublishRecordedAsync(after, last.Version, events, cancellationToken);
        await runner.StartAsync(id, cancellationToken);
        return (true, readiness.Reason, id);
    }

    /// <summary>Whether the red button is available for the app now, judged on its last release that changed production.</summary>
    public async Task<(ReleaseState? Last, RedButtonStatus Status)> RedButtonAsync(string app, CancellationToken cancellationToken)
    {
        var releases = await store.ListByAppAsync(app, cancellationToken);
        foreach (var entry in releases.Reverse())
        {
            var state = await LoadAsync(entry.ReleaseId, cancellationToken);
            if (!state.Swapped) continue;
            var snapshot = await slots.ReadSlotsAsync(app, cancellationToken);
            return (state, RedButton.Evaluate(state, snapshot));
        }

        return (null, new RedButtonStatus(false, $"no release of {app} has changed production"));
    }

    /// <summary>Starts every unfinished release from its log (after a restart), then lets each app's head run.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        var active = await store.ListActiveAsync(cancellationToken);
        foreach (var entry in active)
        {
            await queue.EnqueueAsync(entry.App, entry.ReleaseId, cancellationToken);
            await runner.StartAsync(entry.ReleaseId, cancellationToken);
        }

        foreach (var app in active.Select(a => a.App).Distinct(StringComparer.Ordinal))
        {
            await AdmitHeadAsync(app, cancellationToken);
        }
    }

    /// <summary>
    /// The queue drain (a timer): makes sure each app's head release has a running loop and is admitted, so a
    /// crashed or lost start never blocks an app's queue for good.
    /// </summary>
    public async Task DrainAsync(IEnumerable<string> apps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apps);
        foreach (var app in apps.Distinct(StringComparer.Ordinal))
        {
            if (await queue.HeadAsync(app, cancellationToken) is { } head) await runner.StartAsync(head.ReleaseId, cancellationToken);
            await AdmitHeadAsync(app, cancellationToken);
        }
    }

    /// <summary>A release's loop ended: free its queue place and let the next release of the app run.</summary>
    public async Task CompleteAsync(ReleaseState final, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(final);
        var app = final.Request!.App;
        await queue.RemoveAsync(app, final.Request.ReleaseId, cancellationToken);
        Finished?.Invoke(final);
        await AdmitHeadAsync(app, cancellationToken);
    }

    public async Task<ReleaseState> LoadAsync(string releaseId, CancellationToken cancellationToken) =>
        ReleaseJson.Fold(await store.ReadAsync(releaseId, cancellationToken));

    /// <summary>Tells the head of the app's queue that it may run (a repeated admission changes nothing).</summary>
    public async Task AdmitHeadAsync(string app, CancellationToken cancellationToken)
    {
        var gate = _appLocks.GetOrAdd(app, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            while (await queue.HeadAsync(app, cancellationToken) is { } head)
            {
                var state = await LoadAsync(head.ReleaseId, cancellationToken);
                if (state.IsTerminal)
                {
                    await queue.RemoveAsync(app, head.ReleaseId, cancellationToken); // ended without telling us (e.g. a crash)
                    continue;
                }

                if (!state.Admitted) await runner.SignalAsync(head.ReleaseId, new AdmitSignal(), cancellationToken);
                return;
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
