using DevOpsFeedback.Azure.Storage;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>The client against Azurite: the real Table storage contract over loopback HTTP.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class TableStorageClientTests(AzuriteFixture azurite)
{
    private readonly TableStorageClient _client = azurite.NewClient();

    private static string NewTable() => "t" + Guid.NewGuid().ToString("N")[..16];

    private async Task<string> TableAsync()
    {
        var table = NewTable();
        await _client.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        return table;
    }

    [Fact]
    public async Task CreateTableIfNotExistsAsync_Twice_CreatesOnceAndDeleteRemovesIt()
    {
        var table = NewTable();

        Assert.True(await _client.CreateTableIfNotExistsAsync(table, CancellationToken.None));
        Assert.False(await _client.CreateTableIfNotExistsAsync(table, CancellationToken.None));
        Assert.True(await _client.DeleteTableAsync(table, CancellationToken.None));
        Assert.False(await _client.DeleteTableAsync(table, CancellationToken.None));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("ab-c")]
    [InlineData("tables")]
    public async Task CreateTableIfNotExistsAsync_InvalidName_ThrowsNamingTheTable(string name)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateTableIfNotExistsAsync(name, CancellationToken.None));

        Assert.Equal("table", e.ParamName);
    }

    [Fact]
    public async Task InsertEntityAsync_EveryEdmType_RoundTripsThroughGet()
    {
        var table = await TableAsync();
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, TimeSpan.Zero).AddTicks(4567);
        var entity = new TableEntity("p", "r")
            .With("S", "text 'with' quotes")
            .With("I", 42)
            .With("L", long.MaxValue)
            .With("B", true)
            .With("D", 2.0)
            .With("Nan", double.NaN)
            .With("T", when)
            .With("G", Guid.Parse("00000000-0000-0000-0000-000000000001"))
            .With("Bin", new byte[] { 1, 2, 255 });

        var etag = await _client.InsertEntityAsync(table, entity, CancellationToken.None);
        var read = await _client.GetEntityAsync(table, "p", "r", CancellationToken.None);

        Assert.Equal(etag, read!.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(entity.Properties.OrderBy(p => p.Key, StringComparer.Ordinal), read.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task InsertEntityAsync_Existing_ThrowsEntityAlreadyExists()
    {
        var table = await TableAsync();
        await _client.InsertEntityAsync(table, new TableEntity("p", "r"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<TableStorageException>(() => _client.InsertEntityAsync(table, new TableEntity("p", "r"), CancellationToken.None));

        Assert.Equal(409, e.Status);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
    }

    [Fact]
    public async Task UpsertEntityAsync_MergeKeepsOtherPropertiesReplaceDropsThem()
    {
        var table = await TableAsync();
        await _client.UpsertEntityAsync(table, new TableEntity("p", "r").With("A", 1).With("B", 2), TableUpdateMode.Replace, CancellationToken.None);

        await _client.UpsertEntityAsync(table, new TableEntity("p", "r").With("B", 3), TableUpdateMode.Merge, CancellationToken.None);
        var merged = await _client.GetEntityAsync(table, "p", "r", CancellationToken.None);
        await _client.UpsertEntityAsync(table, new TableEntity("p", "r").With("C", 4), TableUpdateMode.Replace, CancellationToken.None);
        var replaced = await _client.GetEntityAsync(table, "p", "r", CancellationToken.None);

        Assert.Equal(["A", "B"], merged!.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new TableInt32(3), merged.Properties["B"]);
        Assert.Equal(["C"], replaced!.Properties.Keys);
    }

    [Theory]
    [InlineData(TableUpdateMode.Replace)]
    [InlineData(TableUpdateMode.Merge)]
    public async Task UpdateEntityAsync_StaleETag_Throws412AndKeepsTheNewerValue(TableUpdateMode mode)
    {
        var table = await TableAsync();
        var stale = await _client.InsertEntityAsync(table, new TableEntity("p", "r").With("V", 1), CancellationToken.None);
        var current = await _client.UpdateEntityAsync(table, new TableEntity("p", "r").With("V", 2), stale, mode, CancellationToken.None);

        var e = await Assert.ThrowsAsync<TableStorageException>(() =>
            _client.UpdateEntityAsync(table, new TableEntity("p", "r").With("V", 3), stale, mode, CancellationToken.None));

        Assert.Equal(412, e.Status);
        Assert.Equal("UpdateConditionNotSatisfied", e.ErrorCode);
        var read = await _client.GetEntityAsync(table, "p", "r", CancellationToken.None);
        Assert.Equal(current, read!.ETag);
        Assert.Equal(new TableInt32(2), read.Properties["V"]);
    }

    [Fact]
    public async Task UpdateEntityAsync_Missing_Throws404()
    {
        var table = await TableAsync();

        var e = await Assert.ThrowsAsync<TableStorageException>(() =>
            _client.UpdateEntityAsync(table, new TableEntity("p", "r"), "*", TableUpdateMode.Replace, CancellationToken.None));

        Assert.Equal(404, e.Status);
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETagThenStarThenMissing_412TrueFalse()
    {
        var table = await TableAsync();
        var stale = await _client.InsertEntityAsync(table, new TableEntity("p", "r"), CancellationToken.None);
        await _client.UpsertEntityAsync(table, new TableEntity("p", "r").With("V", 1), TableUpdateMode.Replace, CancellationToken.None);

        var e = await Assert.ThrowsAsync<TableStorageException>(() => _client.DeleteEntityAsync(table, "p", "r", stale, CancellationToken.None));
        Assert.Equal(412, e.Status);
        Assert.True(await _client.DeleteEntityAsync(table, "p", "r", "*", CancellationToken.None));
        Assert.False(await _client.DeleteEntityAsync(table, "p", "r", "*", CancellationToken.None));
    }

    [Theory]
    [InlineData("it's")]
    [InlineData("''")]
    [InlineData("50% off")]
    [InlineData("(a,b)=c")]
    [InlineData("ünï cødé ✓ 😀")]
    [InlineData("a+b&c=d;e")]
    public async Task Keys_WithQuotesPercentAndUnicode_RoundTripThroughUrlAndFilter(string key)
    {
        var table = await TableAsync();
        await _client.InsertEntityAsync(table, new TableEntity(key, key).With("K", key), CancellationToken.None);

        var got = await _client.GetEntityAsync(table, key, key, CancellationToken.None);
        var queried = await _client.QueryAsync(table, TableFilter.Format($"PartitionKey eq {key} and RowKey eq {key}"), null, null, CancellationToken.None).ToListAsync();

        Assert.Equal(key, got!.RowKey);
        Assert.Equal(key, Assert.Single(queried).PartitionKey);
    }

    [Fact]
    public async Task QueryAsync_FilterValueTryingToInject_MatchesNothing()
    {
        var table = await TableAsync();
        await _client.InsertEntityAsync(table, new TableEntity("p", "r"), CancellationToken.None);
        var hostile = "x' or PartitionKey ne '";

        var found = await _client.QueryAsync(table, TableFilter.Format($"PartitionKey eq {hostile}"), null, null, CancellationToken.None).ToListAsync();

        Assert.Empty(found);
    }

    [Theory]
    [InlineData("p/1")]
    [InlineData("p\\1")]
    [InlineData("p#1")]
    [InlineData("p?1")]
    [InlineData("p\t1")]
    [InlineData("p\u00851")]
    public async Task InsertEntityAsync_ForbiddenKeyCharacter_ThrowsBeforeSendingNamingTheKey(string key)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _client.InsertEntityAsync("whatever", new TableEntity(key, "r"), CancellationToken.None));

        Assert.Equal("PartitionKey", e.ParamName);
    }

    [Fact]
    public async Task QueryAsync_MoreThanOnePage_FollowsContinuationsToEveryEntity()
    {
        var table = await TableAsync();
        for (var batch = 0; batch < 11; batch++)
        {
            var actions = Enumerable.Range(0, 100)
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"p{batch % 3}", $"{batch:D2}-{i:D3}").With("N", batch * 100 + i)))
                .ToList();
            await _client.SubmitTransactionAsync(table, actions, CancellationToken.None);
        }

        var all = await _client.QueryAsync(table, null, null, null, CancellationToken.None).ToListAsync();
        var first = await _client.QueryPageAsync(table, null, null, null, null, CancellationToken.None);

        Assert.Equal(1100, all.Count);
        Assert.Equal(Enumerable.Range(0, 1100), all.Select(e => (int)e.RequireInt64("N")).Order());
        Assert.Equal(1000, first.Entities.Count);
        Assert.NotNull(first.Continuation);
    }

    [Fact]
    public async Task QueryPageAsync_SmallTop_PagesAndSelectProjects()
    {
        var table = await TableAsync();
        await _client.SubmitTransactionAsync(table, Enumerable.Range(0, 20).Select(i =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"{i:D2}").With("A", i).With("B", "drop"))).ToList(), CancellationToken.None);

        var pages = 0;
        var keys = new List<string>();
        TableContinuation? next = null;
        do
        {
            var page = await _client.QueryPageAsync(table, TableFilter.Format($"PartitionKey eq {"p"} and A ge {5}"), 7, ["PartitionKey", "RowKey", "A"], next, CancellationToken.None);
            pages++;
            keys.AddRange(page.Entities.Select(e => e.RowKey));
            Assert.All(page.Entities, e => Assert.False(e.Properties.ContainsKey("B")));
            next = page.Continuation;
        }
        while (next is not null);

        Assert.Equal(Enumerable.Range(5, 15).Select(i => $"{i:D2}"), keys);
        Assert.True(pages >= 3, $"{pages} pages");
    }

    [Fact]
    public async Task SubmitTransactionAsync_OneActionFails_NothingIsCommittedAndTheIndexIsReported()
    {
        var table = await TableAsync();
        await _client.InsertEntityAsync(table, new TableEntity("p", "2").With("V", "old"), CancellationToken.None);
        var actions = new[]
        {
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "0")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "2").With("V", "new")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "3")),
        };

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _client.SubmitTransactionAsync(table, actions, CancellationToken.None));

        Assert.Equal(409, e.Status);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.Equal(2, e.FailedIndex);
        var left = await _client.QueryAsync(table, null, null, null, CancellationToken.None).ToListAsync();
        Assert.Equal("old", Assert.Single(left).GetString("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedActions_CommitsAllAndReturnsETags()
    {
        var table = await TableAsync();
        var etag = await _client.InsertEntityAsync(table, new TableEntity("p", "upd").With("V", 1), CancellationToken.None);
        await _client.InsertEntityAsync(table, new TableEntity("p", "del"), CancellationToken.None);

        var etags = await _client.SubmitTransactionAsync(table,
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "upd").With("V", 2) with { ETag = etag }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "del")),
        ], CancellationToken.None);

        Assert.Equal(3, etags.Count);
        Assert.NotNull(etags[0]);
        var rows = await _client.QueryAsync(table, null, null, null, CancellationToken.None).Select(e => e.RowKey).ToListAsync();
        Assert.Equal(["new", "upd"], rows);
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_Fails412()
    {
        var table = await TableAsync();
        var stale = await _client.InsertEntityAsync(table, new TableEntity("p", "r"), CancellationToken.None);
        await _client.UpsertEntityAsync(table, new TableEntity("p", "r").With("V", 1), TableUpdateMode.Replace, CancellationToken.None);

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _client.SubmitTransactionAsync(table,
            [new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "r").With("V", 2) with { ETag = stale })], CancellationToken.None));

        Assert.Equal(412, e.Status);
    }

    public static TheoryData<string, int> BadTransactions() => new()
    {
        { "mixed partitions", 2 },
        { "duplicate row", 2 },
        { "too many", 101 },
        { "empty", 0 },
    };

    [Theory]
    [MemberData(nameof(BadTransactions))]
    public async Task SubmitTransactionAsync_BreaksAServiceRule_ThrowsBeforeSending(string rule, int count)
    {
        var actions = Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, rule switch
        {
            "mixed partitions" => new TableEntity($"p{i}", "r"),
            "duplicate row" => new TableEntity("p", "r"),
            _ => new TableEntity("p", $"r{i}"),
        })).ToList();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => _client.SubmitTransactionAsync("unused", actions, CancellationToken.None));

        Assert.Equal("actions", e.ParamName);
    }

    [Fact]
    public async Task Requests_WithTheWrongAccountKey_FailWithAuthorizationFailure()
    {
        var wrong = new TableStorageClient(new TableStorageOptions
        {
            ConnectionString = $"AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint={azurite.ServiceUri}",
            MaxRetries = 0,
        });

        var e = await Assert.ThrowsAsync<TableStorageException>(() => wrong.CreateTableIfNotExistsAsync(NewTable(), CancellationToken.None));

        Assert.Equal(403, e.Status);
        Assert.Equal("AuthorizationFailure", e.ErrorCode);
    }

    [Fact]
    public async Task UseDevelopmentStorage_PointsAtAzuritesWellKnownAccount()
    {
        var dev = TableConnectionString.Parse("UseDevelopmentStorage=true");
        var fixtureAccount = TableConnectionString.Parse(azurite.ConnectionString);

        Assert.Equal(fixtureAccount.AccountName, dev.AccountName);
        Assert.Equal(fixtureAccount.AccountKey, dev.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), dev.ServiceUri);
        // The fixture's account (the development one) signs requests Azurite accepts.
        Assert.True(await _client.CreateTableIfNotExistsAsync(NewTable(), CancellationToken.None));
    }
}
