using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Api;

/// <summary>What one digest run did.</summary>
/// <param name="Items">Planning items found (and saved) over the period.</param>
/// <param name="Created">Items the sink created.</param>
/// <param name="Updated">Items the sink found by key and updated.</param>
public sealed record DigestResult(DateTimeOffset Since, DateTimeOffset Until, int Items, int Created, int Updated);

/// <summary>
/// The weekly planning digest (a timer in Azure, a background schedule in <c>dfb serve</c>): plans every app over the
/// last <paramref name="period"/>, saves the items (re-runs update, never duplicate), and pushes the open ones to the
/// sink where the teams plan. A sink failure propagates (<see cref="PlanningSinkException"/>) to the host, which logs it.
/// Without a sink the digest is off: <see cref="RunAsync"/> does nothing and answers null.
/// </summary>
public sealed class PlanningDigest(IDocumentStore documents, IDeliverySignals signals, IPlanningSink? sink, TimeProvider time, TimeSpan period)
{
    public bool IsEnabled => sink is not null;

    public string SinkName => sink?.Name ?? "none";

    public async Task<DigestResult?> RunAsync(CancellationToken cancellationToken)
    {
        if (sink is null) return null;
        var now = time.GetUtcNow();
        var since = now - period;
        var outcome = await new PlanningRun(documents, signals).RunAsync(null, since, now, save: true, cancellationToken);
        var published = await PlanningRun.PublishAsync(sink, outcome.Items, cancellationToken);
        return new DigestResult(since, now, outcome.Items.Length, published.Count(r => r.Created), published.Count(r => !r.Created));
    }
}
