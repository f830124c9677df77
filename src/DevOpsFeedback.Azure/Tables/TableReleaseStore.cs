using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// <see cref="IReleaseStore"/> on one table (<c>{prefix}Releases</c>), one partition per app (PartitionKey = encoded app):
/// row <c>h|{release}</c> is a release's index row (app, status, version) and rows <c>e|{release}|{version:D19}</c> are its
/// events, so listing an app's releases reads one partition's head rows, not the whole table. Partition <c>|ids</c> maps
/// each release id to its app (written once, before the first append; app names cannot hold '|', so no app's partition
/// can be it). An append is one entity-group transaction in the app's partition: the events are inserted and the head is
/// inserted (first append) or replaced with If-Match on the ETag read, so of two concurrent appends exactly one commits
/// and the other gets <see cref="ConcurrencyConflictException"/> with nothing written.
/// At most <see cref="MaxEventsPerAppend"/> events per append (the transaction limit less the head row).
/// </summary>
public sealed class TableReleaseStore : IReleaseStore
{
    public const int MaxEventsPerAppend = TableStorageClient.MaxTransactionActions - 1;

    private const string IdsPartition = "|ids";
    private const string HeadPrefix = "h|";
    private const string EventPrefix = "e|";

    private readonly TableStorageClient _client;
    private readonly string _table;
    private volatile bool _created;

    public TableReleaseStore(TableStorageClient client, TableStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _table = TableNames.Require(options.TablePrefix + "Releases", nameof(options.TablePrefix));
    }

    public async Task<ReleaseLog> ReadAsync(string releaseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(releaseId);
        await EnsureTableAsync(cancellationToken);
        var events = ImmutableArray.CreateBuilder<EventEnvelope>();
        if (await AppOfAsync(releaseId, cancellationToken) is not { } app) return new ReleaseLog(releaseId, 0, []);
        var id = TableKey.Encode(releaseId);
        var filter = TableFilter.Format($"PartitionKey eq {TableKey.Encode(app)} and RowKey ge {EventPrefix + id + "|"} and RowKey lt {EventPrefix + id + "}"}");
        await foreach (var entity in _client.QueryAsync(_table, filter, pageSize: null, select: null, cancellationToken))
        {
            var envelope = ToEnvelope(entity);
            ReleaseStreams.CheckNextRead(releaseId, envelope.Version, events.Count);
            events.Add(envelope);
        }

        return new ReleaseLog(releaseId, events.Count, events.ToImmutable());
    }

    public async Task AppendAsync(string releaseId, string app, long expectedVersion, IReadOnlyList<EventEnvelope> events, string status, CancellationToken cancellationToken)
    {
        ReleaseStreams.CheckAppend(releaseId, app, expectedVersion, events, status);

        if (events.Count > MaxEventsPerAppend)
        {
            throw new ArgumentException($"an append holds at most {MaxEventsPerAppend} events on Table storage (one transaction), not {events.Count}", nameof(events));
        }

        await EnsureTableAsync(cancellationToken);
        var pk = TableKey.Encode(app);
        var headRow = HeadPrefix + TableKey.Encode(releaseId);
        var head = await _client.GetEntityAsync(_table, pk, headRow, cancellationToken);
        var current = head?.RequireInt64("Version") ?? 0;
        if (current != expectedVersion)
        {
            throw new ConcurrencyConflictException($"release '{releaseId}' is at version {current}, not {expectedVersion}");
        }

        if (events.Count == 0) return;
        if (head is null) await ClaimIdAsync(releaseId, app, cancellationToken);

        var createdAt = head is null ? events[0].At : ParseTime(head, "CreatedAt");
        var newHead = new TableEntity(pk, headRow)
            .With("ReleaseId", releaseId)
            .With("App", app)
            .With("Status", status)
            .With("Terminal", ReleaseIndexEntry.TerminalStatuses.Contains(status))
            .With("CreatedAt", createdAt.ToString("o", CultureInfo.InvariantCulture))
            .With("UpdatedAt", events[^1].At.ToString("o", CultureInfo.InvariantCulture))
            .With("Version", expectedVersion + events.Count) with { ETag = head?.ETag };

        var actions = new List<TableTransactionAction>(events.Count + 1);
        actions.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(pk, releaseId, e))));
        actions.Add(new TableTransactionAction(head is null ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, newHead));
        try
        {
            await _client.SubmitTransactionAsync(_table, actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            throw new ConcurrencyConflictException($"release '{releaseId}' was appended to by another writer after version {expectedVersion}", e);
        }
    }

    public Task<ImmutableArray<ReleaseIndexEntry>> ListByAppAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        return ListAsync(TableFilter.Format($"PartitionKey eq {TableKey.Encode(app)} and RowKey ge {HeadPrefix} and RowKey lt {"h}"}"), cancellationToken);
    }

    // Every app's head rows: a scan across partitions, for the rare listings of all releases (DORA over all apps, resuming).
    public Task<ImmutableArray<ReleaseIndexEntry>> ListAllAsync(CancellationToken cancellationToken) =>
        ListAsync(TableFilter.Format($"RowKey ge {HeadPrefix} and RowKey lt {"h}"}"), cancellationToken);

    public Task<ImmutableArray<ReleaseIndexEntry>> ListActiveAsync(CancellationToken cancellationToken) =>
        ListAsync(TableFilter.Format($"RowKey ge {HeadPrefix} and RowKey lt {"h}"} and Terminal eq {false}"), cancellationToken);

    private async Task<ImmutableArray<ReleaseIndexEntry>> ListAsync(string filter, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var entries = new List<ReleaseIndexEntry>();
        await foreach (var head in _client.QueryAsync(_table, filter, pageSize: null, select: null, cancellationToken))
        {
            entries.Add(new ReleaseIndexEntry(
                head.RequireString("ReleaseId"),
                head.RequireString("App"),
                ParseTime(head, "CreatedAt"),
                ParseTime(head, "UpdatedAt"),
                head.RequireString("Status"),
                head.RequireInt64("Version")));
        }

        return [.. entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.ReleaseId, StringComparer.Ordinal)];
    }

    private async Task<string?> AppOfAsync(string releaseId, CancellationToken cancellationToken) =>
        (await _client.GetEntityAsync(_table, IdsPartition, TableKey.Encode(releaseId), cancellationToken))?.RequireString("App");

    /// <summary>Records which app a new release id belongs to; the same id for another app is refused.</summary>
    private async Task ClaimIdAsync(string releaseId, string app, CancellationToken cancellationToken)
    {
        var claimed = await AppOfAsync(releaseId, cancellationToken);
        if (claimed is null)
        {
            var row = new TableEntity(IdsPartition, TableKey.Encode(releaseId)).With("ReleaseId", releaseId).With("App", app);
            try
            {
                await _client.InsertEntityAsync(_table, row, cancellationToken);
                return;
            }
            catch (TableStorageException e) when (e.Status == 409 && e.ErrorCode == "EntityAlreadyExists")
            {
                claimed = await AppOfAsync(releaseId, cancellationToken);
            }
        }

        if (claimed != app)
        {
            throw new ConcurrencyConflictException($"release id '{releaseId}' belongs to app '{claimed}', not '{app}'");
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created) return;
        await _client.CreateTableIfNotExistsAsync(_table, cancellationToken);
        _created = true;
    }

    private static TableEntity ToEntity(string pk, string releaseId, EventEnvelope e)
    {
        ArgumentException.ThrowIfNullOrEmpty(e.Type, "events.Type");
        ArgumentNullException.ThrowIfNull(e.Data, "events.Data");
        var entity = new TableEntity(pk, EventPrefix + TableKey.Encode(releaseId) + "|" + e.Version.ToString("D19", CultureInfo.InvariantCulture))
            .With("Version", e.Version)
            .With("At", e.At.ToString("o", CultureInfo.InvariantCulture))
            .With("Type", e.Type);
        return TableText.Write(entity, "Data", e.Data, "events.Data");
    }

    private static EventEnvelope ToEnvelope(TableEntity entity) =>
        new(entity.RequireInt64("Version"), ParseTime(entity, "At"), entity.RequireString("Type"), TableText.Read(entity, "Data"));

    private static DateTimeOffset ParseTime(TableEntity entity, string name) =>
        DateTimeOffset.TryParseExact(entity.RequireString(name), "o", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new InvalidDataException($"entity ({entity.PartitionKey}, {entity.RowKey}) has a malformed {name}");
}
