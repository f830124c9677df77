using System.Text.Json;
using System.Text.Json.Serialization;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Notifications;

/// <summary>
/// The notification outbox in the document store, so that a recycled process (a Functions worker, a restarted
/// <c>dfb serve</c>) loses nothing: handing over writes the notifications (document writes, no delivery), and a drain
/// (a background loop, a timer) delivers them. Notifications of one release (or one app, for app-level ones) are delivered
/// in order, different ones in parallel, so a sink that is down slows only what is routed to it. A drain claims each
/// notification with a lease before delivering it, so two drains never deliver it at once; it is deleted once every
/// routed sink has accepted it or been given up on (the dispatcher records each attempt). Delivery is at least once: a
/// process that stops between delivery and delete delivers it again after the lease (receivers de-duplicate by the
/// notification id, which is stable per event).
/// </summary>
public sealed class DurableNotificationOutbox : IDisposable
{
    public const string Collection = "notification-outbox";

    /// <summary>How long a claimed notification is left to its drain; longer than the dispatcher's retries take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const string Partition = "pending";
    private const int Concurrency = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly IDocumentStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _work = new(0, 1);

    public DurableNotificationOutbox(IDocumentStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
    }

    /// <summary>Stores the notifications for delivery (a notification already waiting is not stored twice).</summary>
    public async Task EnqueueAsync(IEnumerable<Notification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var any = false;
        foreach (var n in notifications)
        {
            await _store.TryInsertAsync(Collection, new Document(Partition, Key(n), Serialize(new Entry(n, null))), cancellationToken);
            any = true;
        }

        if (any) Wake();
    }

    /// <summary>
    /// Delivers what is waiting with <paramref name="deliver"/> (the dispatcher): per subject in order, up to 8 subjects at once.
    /// A subject whose next notification another drain holds is left to that drain. Returns what this drain delivered.
    /// </summary>
    public async Task<IReadOnlyList<DispatchResult>> DrainAsync(Func<Notification, CancellationToken, Task<DispatchResult>> deliver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        var pending = new List<(Document Doc, Entry Entry)>();
        await foreach (var doc in _store.QueryAsync(Collection, Partition, null, null, cancellationToken)) pending.Add((doc, Deserialize(doc.Json)));
        var subjects = pending.GroupBy(p => Subject(p.Entry.Notification), StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Doc.Key, StringComparer.Ordinal).ToList())
            .ToList();

        var results = new List<DispatchResult>();
        await Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (queue, ct) =>
        {
            foreach (var (doc, entry) in queue)
            {
                var now = _time.GetUtcNow();
                if (entry.LeasedUntil is { } until && until > now) return; // another drain is delivering this subject
                string etag;
                try
                {
                    etag = await _store.PutAsync(Collection, doc with { Json = Serialize(entry with { LeasedUntil = now + Lease }) }, ct);
                }
                catch (ConcurrencyConflictException)
                {
                    return; // another drain claimed it first: the rest of this subject is its to deliver, in order
                }

                var result = await deliver(entry.Notification, ct);
                if (ct.IsCancellationRequested) return; // stopping: attempts were cut short, so it stays (leased) for a later drain
                await _store.DeleteAsync(Collection, Partition, doc.Key, etag, ct);
                lock (results) results.Add(result);
            }
        });

        return results;
    }

    /// <summary>
    /// Waits until something is enqueued in this process or <paramref name="timeout"/> of wall-clock time passes (a host's
    /// poll runs on real time whatever clock stamps the leases, so a virtual clock in a test never makes it spin).
    /// </summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _work.WaitAsync(race.Token);
        var elapsed = Task.Delay(timeout, TimeProvider.System, race.Token);
        await Task.WhenAny(signalled, elapsed);
        await race.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose() => _work.Dispose();

    private void Wake()
    {
        try
        {
            _work.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the next drain takes everything waiting.
        }
    }

    private static string Subject(Notification n) => n.ReleaseId is { } id ? "release:" + id : "app:" + n.App;

    /// <summary>Subject first (one release's notifications together), then the id: a release's ids start with the event version.</summary>
    private static string Key(Notification n) => $"{Subject(n)}|{n.Id}";

    private static string Serialize(Entry entry) => JsonSerializer.Serialize(entry, Json);

    private static Entry Deserialize(string json) =>
        JsonSerializer.Deserialize<Entry>(json, Json) ?? throw new InvalidDataException("an empty notification-outbox document");

    private sealed record Entry(Notification Notification, DateTimeOffset? LeasedUntil);
}
