using System.Runtime.CompilerServices;
using DevOpsFeedback.Ports;
using Microsoft.Data.Sqlite;

namespace DevOpsFeedback.Sqlite.Storage;

/// <summary>
/// <see cref="IDocumentStore"/> on SQLite. ETags are fresh GUIDs per write (never reused, so a deleted and
/// re-created document does not match an old ETag). Keys are stored as they are: SQLite has no forbidden characters.
/// Get it from <see cref="SqliteStore.Documents"/>.
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore
{
    private readonly SqliteStore _store;

    internal SqliteDocumentStore(SqliteStore store) => _store = store;

    public async Task<Document?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken)
    {
        RequireIds(collection, partition, key);
        await using var connection = _store.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, etag FROM documents WHERE collection = $c AND partition = $p AND key = $k";
        Bind(command, collection, partition, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Document(partition, key, reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<bool> TryInsertAsync(string collection, Document document, CancellationToken cancellationToken)
    {
        RequireDocument(collection, document);
        await using var connection = _store.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO documents (collection, partition, key, json, etag) VALUES ($c, $p, $k, $json, $etag) ON CONFLICT DO NOTHING";
        Bind(command, collection, document.Partition, document.Key);
        command.Parameters.AddWithValue("$json", document.Json);
        command.Parameters.AddWithValue("$etag", NewETag());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<string> PutAsync(string collection, Document document, CancellationToken cancellationToken)
    {
        RequireDocument(collection, document);
        var etag = NewETag();
        await using var connection = _store.OpenConnection();
        await using var command = connection.CreateCommand();
        if (document.ETag is null)
        {
            command.CommandText = """
                INSERT INTO documents (collection, partition, key, json, etag) VALUES ($c, $p, $k, $json, $etag)
                ON CONFLICT (collection, partition, key) DO UPDATE SET json = excluded.json, etag = excluded.etag
                """;
        }
        else
        {
            command.CommandText = "UPDATE documents SET json = $json, etag = $etag WHERE collection = $c AND partition = $p AND key = $k AND etag = $old";
            command.Parameters.AddWithValue("$old", document.ETag);
        }

        Bind(command, collection, document.Partition, document.Key);
        command.Parameters.AddWithValue("$json", document.Json);
        command.Parameters.AddWithValue("$etag", etag);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ConcurrencyConflictException($"{collection}/{document.Partition}/{document.Key} changed since it was read");
        }

        return etag;
    }

    public async Task<bool> DeleteAsync(string collection, string partition, string key, string? etag, CancellationToken cancellationToken)
    {
        RequireIds(collection, partition, key);
        await using var connection = _store.OpenConnection();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT etag FROM documents WHERE collection = $c AND partition = $p AND key = $k";
            Bind(read, collection, partition, key);
            var stored = (string?)await read.ExecuteScalarAsync(cancellationToken);
            if (stored is null) return false;
            if (etag is not null && stored != etag)
            {
                throw new ConcurrencyConflictException($"{collection}/{partition}/{key} changed since it was read");
            }
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM documents WHERE collection = $c AND partition = $p AND key = $k";
            Bind(delete, collection, partition, key);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async IAsyncEnumerable<Document> QueryAsync(string collection, string? partition, string? keyFrom, string? keyTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        await using var connection = _store.OpenConnection();
        await using var command = connection.CreateCommand();
        var where = "collection = $c";
        command.Parameters.AddWithValue("$c", collection);
        if (partition is not null)
        {
            where += " AND partition = $p";
            command.Parameters.AddWithValue("$p", partition);
        }

        if (keyFrom is not null)
        {
            where += " AND key >= $from";
            command.Parameters.AddWithValue("$from", keyFrom);
        }

        if (keyTo is not null)
        {
            where += " AND key < $to";
            command.Parameters.AddWithValue("$to", keyTo);
        }

        // BINARY collation compares UTF-8 bytes, i.e. code points: ordinal for everything outside surrogates.
        command.CommandText = $"SELECT partition, key, json, etag FROM documents WHERE {where} ORDER BY partition, key";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new Document(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }
    }

    public async Task PutBatchAsync(string collection, string partition, IReadOnlyList<Document> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Any(d => d.Partition != partition))
        {
            throw new ArgumentException("every document of a batch must be in the batch's partition", nameof(documents));
        }

        foreach (var d in documents) RequireDocument(collection, d);
        await using var connection = _store.OpenConnection();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO documents (collection, partition, key, json, etag) VALUES ($c, $p, $k, $json, $etag)
            ON CONFLICT (collection, partition, key) DO UPDATE SET json = excluded.json, etag = excluded.etag
            """;
        command.Parameters.AddWithValue("$c", collection);
        command.Parameters.AddWithValue("$p", partition);
        var key = command.Parameters.Add("$k", SqliteType.Text);
        var json = command.Parameters.Add("$json", SqliteType.Text);
        var etag = command.Parameters.Add("$etag", SqliteType.Text);
        foreach (var d in documents)
        {
            key.Value = d.Key;
            json.Value = d.Json;
            etag.Value = NewETag();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string NewETag() => $"\"{Guid.NewGuid():N}\"";

    private static void Bind(SqliteCommand command, string collection, string partition, string key)
    {
        command.Parameters.AddWithValue("$c", collection);
        command.Parameters.AddWithValue("$p", partition);
        command.Parameters.AddWithValue("$k", key);
    }

    private static void RequireIds(string collection, string partition, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentException.ThrowIfNullOrEmpty(key);
    }

    private static void RequireDocument(string collection, Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        RequireIds(collection, document.Partition, document.Key);
        ArgumentNullException.ThrowIfNull(document.Json, "document.Json");
    }
}
