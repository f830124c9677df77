using System.Collections.Immutable;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// Delivers a notification to every sink its route names, in parallel, retrying each with exponential backoff
/// (waits on the injected <see cref="TimeProvider"/>). It never throws into the release: failed deliveries, a sink that
/// throws, a record that cannot be written and cancellation all come back in the <see cref="DispatchResult"/>.
/// Every attempt is returned, passed to the optional <see cref="IDeliveryLog"/> and to <see cref="AttemptRecorded"/>.
/// </summary>
public sealed class NotificationDispatcher
{
    private readonly NotificationRouter _router;
    private readonly NotificationDeliveryOptions _delivery;
    private readonly ImmutableDictionary<string, INotificationSink> _sinksByType;
    private readonly TimeProvider _time;
    private readonly IDeliveryLog? _log;

    /// <exception cref="ArgumentException">Invalid options, or a configured sink type without an implementation (at start-up).</exception>
    public NotificationDispatcher(NotificationOptions options, IEnumerable<INotificationSink> sinks, TimeProvider time, IDeliveryLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(time);
        _router = new NotificationRouter(options);
        _delivery = options.Delivery;
        _time = time;
        _log = log;
        var byType = ImmutableDictionary.CreateBuilder<string, INotificationSink>(StringComparer.OrdinalIgnoreCase);
        foreach (var sink in sinks)
        {
            if (!byType.TryAdd(sink.Type, sink)) throw new ArgumentException($"two sinks implement type '{sink.Type}'", nameof(sinks));
        }

        _sinksByType = byType.ToImmutable();
        var missing = _router.Sinks.Where(s => !_sinksByType.ContainsKey(s.Type)).Select(s => $"{NotificationOptions.SectionName}:Sinks:{s.Name}:Type '{s.Type}'").ToList();
        if (missing.Count > 0) throw new ArgumentException("no sink implementation for " + string.Join(", ", missing), nameof(sinks));
    }

    /// <summary>Raised after each attempt (for a host that records attempts on the release itself).</summary>
    public event Action<DeliveryAttempt>? AttemptRecorded;

    public NotificationRouter Router => _router;

    /// <summary>Delivers one notification to its routed sinks; completes when each sink has accepted it or been given up on.</summary>
    public async Task<DispatchResult> DispatchAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var targets = _router.SinksFor(notification.App, notification.Kind);
        if (targets.IsEmpty)
        {
            return new DispatchResult(notification, [], [$"no route for {NotificationKinds.Name(notification.Kind)} notifications of app {notification.App}"]);
        }

        var perSink = await Task.WhenAll(targets.Select(t => DeliverAsync(t, notification, cancellationToken)));
        return new DispatchResult(
            notification,
            [.. perSink.SelectMany(r => r.Attempts)],
            [.. perSink.SelectMany(r => r.Problems)]);
    }

    /// <summary>Delivers several notifications one after another (in event order).</summary>
    public async Task<ImmutableArray<DispatchResult>> DispatchAllAsync(IEnumerable<Notification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var results = ImmutableArray.CreateBuilder<DispatchResult>();
        foreach (var n in notifications)
        {
            results.Add(await DispatchAsync(n, cancellationToken));
        }

        return results.ToImmutable();
    }

    private async Task<(List<DeliveryAttempt> Attempts, List<string> Problems)> DeliverAsync(SinkEndpoint target, Notification n, CancellationToken cancellationToken)
    {
        var attempts = new List<DeliveryAttempt>();
        var problems = new List<string>();
        var sink = _sinksByType[target.Type];
        for (var number = 1; number <= _delivery.MaxAttempts; number++)
        {
            var at = _time.GetUtcNow();
            SinkResponse response;
            try
            {
                response = await sink.SendAsync(target, n, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                problems.Add($"delivery of {n.Id} to {target.Name} was cancelled during attempt {number}");
                await RecordAsync(new DeliveryAttempt(n.Id, n.Kind, n.App, n.ReleaseId, target.Name, number, at, null, "cancelled", false, null), problems, CancellationToken.None);
                break;
            }
            catch (Exception ex)
            {
                // A sink must not throw; if one does, the attempt is recorded as failed with the exception and retried.
                response = SinkResponse.Unreachable($"{target.Type} sink threw {ex.GetType().Name}: {ex.Message}");
            }

            var willRetry = !response.Succeeded && response.Retryable && number < _delivery.MaxAttempts;
            var delay = willRetry ? _delivery.DelayAfter(number, response.RetryAfter) : TimeSpan.Zero;
            var attempt = new DeliveryAttempt(
                n.Id, n.Kind, n.App, n.ReleaseId, target.Name, number, at, response.StatusCode, response.Error, response.Succeeded,
                willRetry ? _time.GetUtcNow() + delay : null);
            attempts.Add(attempt);
            await RecordAsync(attempt, problems, cancellationToken);
            if (!willRetry) break;

            try
            {
                await Task.Delay(delay, _time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                problems.Add($"delivery of {n.Id} to {target.Name} was cancelled while waiting to retry after attempt {number}");
                break;
            }
        }

        return (attempts, problems);
    }

    private async Task RecordAsync(DeliveryAttempt attempt, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            AttemptRecorded?.Invoke(attempt);
            if (_log is not null) await _log.RecordAsync(attempt, cancellationToken);
        }
        catch (Exception ex)
        {
            // Recording must not fail the release either: the problem is reported in the result.
            problems.Add($"attempt {attempt.Attempt} of {attempt.NotificationId} to {attempt.Sink} could not be recorded: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
