using DevOpsFeedback.Ports;
using DevOpsFeedback.Sqlite.Storage;

namespace DevOpsFeedback.Azure.Storage;

public sealed class SqliteStoreContractTests : StoreContractTests, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dfb-sqlite-");
    private readonly SqliteStore _store;

    public SqliteStoreContractTests()
    {
        _store = SqliteStore.Open(Path.Combine(_dir.FullName, "nested", "dfb.db"));
    }

    protected override IReleaseStore Releases => _store.Releases;

    protected override IDocumentStore Documents => _store.Documents;

    [Fact]
    public async Task Open_SameFileTwice_SeesTheSameDataInWalMode()
    {
        await _store.Releases.AppendAsync("r1", "shop", 0, [new EventEnvelope(1, DateTimeOffset.UnixEpoch, "Requested", "{}")], "running", CancellationToken.None);

        var second = SqliteStore.Open(_store.Path);

        Assert.Equal(1, (await second.Releases.ReadAsync("r1", CancellationToken.None)).Version);
        Assert.True(File.Exists(_store.Path + "-wal"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_EmptyPath_ThrowsNamingThePath(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => SqliteStore.Open(path));
        Assert.Equal("path", e.ParamName);
    }

    public void Dispose()
    {
        SqliteStore.ClearPools();
        _dir.Delete(recursive: true);
    }
}
