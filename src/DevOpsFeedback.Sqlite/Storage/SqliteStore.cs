using Microsoft.Data.Sqlite;

namespace DevOpsFeedback.Sqlite.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode (readers never block the writer) with a busy timeout,
/// so several processes (e.g. <c>dfb serve</c> and a <c>dfb</c> command) can share it.
/// <c>SqliteStore.Open(path)</c> creates the file and schema when missing.
/// </summary>
public sealed class SqliteStore
{
    /// <summary>How long a writer waits for another writer's lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS releases (
            release_id TEXT NOT NULL PRIMARY KEY,
            app        TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            status     TEXT NOT NULL,
            terminal   INTEGER NOT NULL,
            version    INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS releases_by_app ON releases (app);
        CREATE INDEX IF NOT EXISTS releases_active ON releases (terminal);
        CREATE TABLE IF NOT EXISTS release_events (
            release_id TEXT NOT NULL,
            version    INTEGER NOT NULL,
            at         TEXT NOT NULL,
            type       TEXT NOT NULL,
            data       TEXT NOT NULL,
            PRIMARY KEY (release_id, version)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS documents (
            collection TEXT NOT NULL,
            partition  TEXT NOT NULL,
            key        TEXT NOT NULL,
            json       TEXT NOT NULL,
            etag       TEXT NOT NULL,
            PRIMARY KEY (collection, partition, key)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;

    private SqliteStore(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
        Releases = new SqliteReleaseStore(this);
        Documents = new SqliteDocumentStore(this);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public SqliteReleaseStore Releases { get; }

    public SqliteDocumentStore Documents { get; }

    /// <summary>Opens (creating when missing) the store at <paramref name="path"/>; throws <see cref="ArgumentException"/> for an unusable path.</summary>
    public static SqliteStore Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("the SQLite store path is empty", nameof(path));
        }

        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null) Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();

        var store = new SqliteStore(full, connectionString);
        using var connection = store.OpenConnection();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = (string?)wal.ExecuteScalar();
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite store '{full}' could not switch to WAL mode (got '{mode}')");
            }
        }

        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
        }

        return store;
    }

    /// <summary>Releases pooled connections so the file can be deleted (tests, shutdown).</summary>
    public static void ClearPools() => SqliteConnection.ClearAllPools();

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
