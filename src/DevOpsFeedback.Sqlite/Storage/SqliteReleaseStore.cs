using System.Collections.Immutable;
using System.Globalization;
using DevOpsFeedback.Ports;
using Microsoft.Data.Sqlite;

namespace DevOpsFeedback.Sqlite.Storage;

/// <summary>
/// <see cref="IReleaseStore"/> on SQLite: an append is one IMMEDIATE transaction that checks the version,
/// inserts the events and upserts the index row, so concurrent appends serialise and the loser gets
/// <see cref="ConcurrencyConflictException"/> with nothing written. Get it from <see cref="SqliteStore.Releases"/>.
/// </summary>
public sealed class SqliteReleaseStore : IReleaseStore
{
    private readonly SqliteStore _store;

    internal SqliteReleaseStore(SqliteStore store) => _store = store;

    public async Task<ReleaseLog> ReadAsync(string releaseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(releaseId);
        await using var connection = _store.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, at, type, data FROM release_events WHERE release_id = $id ORDER BY version";
        command.Parameters.AddWithValue("$id", releaseId);
        var events = ImmutableArray.CreateBuilder<EventEnvelope>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var version = reader.GetInt64(0);
            ReleaseStreams.CheckNextRead(releaseId, version, events.Count);

            events.Add(new EventEnvelope(version, ParseTime(reader.GetString(1)), reader.GetString(2), reader.GetString(3)));
        }

        return new ReleaseLog(releaseId, events.Count, events.ToImmutable());
    }

    public async Task AppendAsync(string releaseId, string app, long expectedVersion, IReadOnlyList<EventEnvelope> events, string status, CancellationToken cancellationToken)
    {
        ReleaseStreams.CheckAppend(releaseId, app, expectedVersion, events, status);

        await using var connection = _store.OpenConnection();
        // BEGIN IMMEDIATE: take the write lock before reading the version, so check and write are one step.
        await using var transaction = connection.BeginTransaction(deferred: false);
        string? createdAt = null;
        long current = 0;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT version, created_at FROM releases WHERE release_id = $id";
            read.Parameters.AddWithValue("$id", releaseId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                current = reader.GetInt64(0);
                createdAt = reader.GetString(1);
            }
        }

        if (current != expectedVersion)
        {
            throw new ConcurrencyConflictException($"release '{releaseId}' is at version {current}, not {expectedVersion}");
        }

        if (events.Count == 0) return;

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO release_events (release_id, version, at, type, data) VALUES ($id, $v, $at, $type, $data)";
            var v = insert.Parameters.Add("$v", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var data = insert.Parameters.Add("$data", SqliteType.Text);
            insert.Parameters.AddWithValue("$id", releaseId);
            foreach (var e in events)
            {
                ArgumentException.ThrowIfNullOrEmpty(e.Type, "events.Type");
                ArgumentNullException.ThrowIfNull(e.Data, "events.Data");
                v.Value = e.Version;
                at.Value = FormatTime(e.At);
                type.Value = e.Type;
                data.Value = e.Data;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO releases (release_id, app, created_at, updated_at, status, terminal, version)
                VALUES ($id, $app, $created, $updated, $status, $terminal, $version)
                ON CONFLICT (release_id) DO UPDATE SET
                    app = excluded.app, updated_at = excluded.updated_at, status = excluded.status,
                    terminal = excluded.terminal, version = excluded.version
                """;
            upsert.Parameters.AddWithValue("$id", releaseId);
            upsert.Parameters.AddWithValue("$app", app);
            upsert.Parameters.AddWithValue("$created", createdAt ?? FormatTime(events[0].At));
            upsert.Parameters.AddWithValue("$updated", FormatTime(events[^1].At));
            upsert.Parameters.AddWithValue("$status", status);
            upsert.Parameters.AddWithValue("$terminal", ReleaseIndexEntry.TerminalStatuses.Contains(status) ? 1 : 0);
            upsert.Parameters.AddWithValue("$version", expectedVersion + events.Count);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<ImmutableArray<ReleaseIndexEntry>> ListByAppAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        return ListAsync("WHERE app = $app", app, cancellationToken);
    }

    public Task<ImmutableArray<ReleaseIndexEntry>> ListAllAsync(CancellationToken cancellationToken) =>
        ListAsync("", null, cancellationToken);

    public Task<ImmutableArray<ReleaseIndexEntry>> ListActiveAsync(CancellationToken cancellationToken) =>
        ListAsync("WHERE terminal = 0", null, cancellationToken);

    private async Task<ImmutableArray<ReleaseIndexEntry>> ListAsync(string where, string? app, CancellationToken cancellationToken)
    {
        await using var connection = _store.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT release_id, app, created_at, updated_at, status, version FROM releases " + where;
        if (app is not null) command.Parameters.AddWithValue("$app", app);
        var entries = new List<ReleaseIndexEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReleaseIndexEntry(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2)), ParseTime(reader.GetString(3)), reader.GetString(4), reader.GetInt64(5)));
        }

        return [.. entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.ReleaseId, StringComparer.Ordinal)];
    }

    private static string FormatTime(DateTimeOffset t) => t.ToString("o", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParseExact(text, "o", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new InvalidDataException($"malformed time '{text}' in the release store");
}
