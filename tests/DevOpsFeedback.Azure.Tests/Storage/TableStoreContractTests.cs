using DevOpsFeedback.Azure.Tables;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Storage;

[Collection(AzuriteGroup.Name)]
public sealed class TableStoreContractTests(AzuriteFixture azurite) : StoreContractTests
{
    private readonly TableStores _stores = TableStores.Create(azurite.NewOptions());

    protected override IReleaseStore Releases => _stores.Releases;

    protected override IDocumentStore Documents => _stores.Documents;

    [Fact]
    public async Task AppendAsync_MoreEventsThanOneTransactionHolds_ThrowsBeforeWriting()
    {
        var events = Enumerable.Range(1, TableReleaseStore.MaxEventsPerAppend + 1)
            .Select(v => new EventEnvelope(v, DateTimeOffset.UnixEpoch, "E", "{}")).ToList();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => _stores.Releases.AppendAsync("r-big", "shop", 0, events, "running", CancellationToken.None));

        Assert.Equal("events", e.ParamName);
        Assert.Equal(0, (await _stores.Releases.ReadAsync("r-big", CancellationToken.None)).Version);
    }

    [Fact]
    public async Task AppendAsync_NinetyNineEvents_CommitsInOneTransaction()
    {
        var events = Enumerable.Range(1, TableReleaseStore.MaxEventsPerAppend)
            .Select(v => new EventEnvelope(v, DateTimeOffset.UnixEpoch.AddSeconds(v), "E", $"{{\"v\":{v}}}")).ToList();

        await _stores.Releases.AppendAsync("r-99", "shop", 0, events, "running", CancellationToken.None);

        Assert.Equal(events, (await _stores.Releases.ReadAsync("r-99", CancellationToken.None)).Events.ToArray());
    }
}
