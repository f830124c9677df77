using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// The planning use case: read feedback and retrospectives from the store and deliveries from
/// <see cref="IDeliverySignals"/>, plan, save the items (re-runs update, never duplicate), optionally push them to
/// sinks. Used by the weekly digest, <c>GET /api/planning</c> and <c>dfb plan</c>.
/// </summary>
public sealed class PlanningRun(IDocumentStore store, IDeliverySignals signals, PlanningOptions? options = null)
{
    private readonly FeedbackRepository _feedback = new(store);
    private readonly RetrospectiveRepository _retrospectives = new(store);
    private readonly PlanningItemRepository _items = new(store);

    /// <summary>
    /// Plans [since, now) for one app (or all); saves the items when <paramref name="save"/>. Items carry the status saved for
    /// their key (a closed item stays closed however often it is found again), so closed items are never pushed to a sink.
    /// </summary>
    public async Task<PlanningOutcome> RunAsync(string? app, DateTimeOffset since, DateTimeOffset now, bool save, CancellationToken cancellationToken)
    {
        var feedback = new List<FeedbackRecord>();
        await foreach (var f in _feedback.QueryAsync(app, since, now, cancellationToken)) feedback.Add(f);
        var retrospectives = new List<RetrospectiveRecord>();
        if (app is null)
        {
            await foreach (var r in _retrospectives.QueryAsync(null, null, cancellationToken)) retrospectives.Add(r);
        }

        var deployments = await signals.GetDeploymentsAsync(app, since, now, cancellationToken);
        var incidents = await signals.GetIncidentsAsync(app, since, now, cancellationToken);
        var outcome = PlanningEngine.Plan(new PlanningInput(feedback, deployments, incidents, retrospectives, since, now), options);
        if (save) await _items.SaveAsync(outcome.Items, cancellationToken);
        var closed = (await _items.ListAsync(app, cancellationToken)).Where(i => i.Status == PlanningItemStatus.Closed).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        return closed.Count == 0 ? outcome : outcome with
        {
            Items = [.. outcome.Items.Select(i => closed.Contains(i.Key) ? i with { Status = PlanningItemStatus.Closed } : i)],
        };
    }

    /// <summary>Pushes items to a sink, one by one (the sinks' content-creation limits forbid bursts of parallel writes).</summary>
    public static async Task<IReadOnlyList<SinkResult>> PublishAsync(IPlanningSink sink, IEnumerable<PlanningItem> items, CancellationToken cancellationToken)
    {
        var results = new List<SinkResult>();
        foreach (var item in items.Where(i => i.Status == PlanningItemStatus.Open))
        {
            results.Add(await sink.UpsertAsync(item, cancellationToken));
        }

        return results;
    }
}
