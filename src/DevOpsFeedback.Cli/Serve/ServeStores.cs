using DevOpsFeedback.Azure.Tables;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Sqlite.Storage;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>The local host's stores: SQLite in the data folder (embedded default) or Table storage (e.g. Azurite).</summary>
public sealed record ServeStores(IReleaseStore Releases, IDocumentStore Documents, string Description)
{
    public static ServeStores Open(ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Store)
        {
            case "sqlite":
                Directory.CreateDirectory(settings.DataDirectory);
                var path = Path.GetFullPath(Path.Combine(settings.DataDirectory, "dfb.db"));
                var sqlite = SqliteStore.Open(path);
                return new ServeStores(sqlite.Releases, sqlite.Documents, $"SQLite at {path}");
            case "tables":
                var options = new TableStorageOptions { ConnectionString = settings.Connection };
                options.Validate();
                var tables = TableStores.Create(options);
                return new ServeStores(tables.Releases, tables.Documents, "Azure Table storage");
            default:
                throw new ArgumentException($"unknown store '{settings.Store}': use sqlite or tables", nameof(settings));
        }
    }
}
