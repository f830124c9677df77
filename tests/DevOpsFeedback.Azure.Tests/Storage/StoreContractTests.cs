using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Azure.Storage;

/// <summary>
/// The one contract every <see cref="IReleaseStore"/> and <see cref="IDocumentStore"/> meets; run against
/// InMemory, SQLite (temp file) and Table storage (Azurite) by the subclasses.
/// </summary>
public abstract class StoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 30, 0, TimeSpan.FromHours(1));

    protected abstract IReleaseStore Releases { get; }

    protected abstract IDocumentStore Documents { get; }

    private static string NewId(string prefix = "rel") => $"{prefix}-{Guid.NewGuid():N}";

    private static EventEnvelope Event(long version, string type = "Requested", string? data = null) =>
        new(version, T0.AddMinutes(version), type, data ?? $$"""{"n":{{version}}}""");

    private static EventEnvelope[] Events(long from, int count) =>
        Enumerable.Range(0, count).Select(i => Event(from + i)).ToArray();

    // ---- release log ----

    [Fact]
    public async Task ReadAsync_UnknownRelease_IsEmptyAtVersionZero()
    {
        var log = await Releases.ReadAsync(NewId(), CancellationToken.None);

        Assert.Equal(0, log.Version);
        Assert.Empty(log.Events);
        Assert.False(log.Exists);
    }

    [Fact]
    public async Task AppendAsync_ThenRead_ReturnsEventsExactlyAsWritten()
    {
        var id = NewId();
        var events = new[]
        {
            Event(1, "Requested", """{"app":"shop","by":"ann"}"""),
            Event(2, "Audited", "{\"note\":\"ünïcødé ✓ 'quote' \\\"dq\\\" \\n\"}"),
            Event(3, "Big", new string('x', 70_000)),
        };

        await Releases.AppendAsync(id, "shop", 0, events, "running", CancellationToken.None);
        var log = await Releases.ReadAsync(id, CancellationToken.None);

        Assert.Equal(3, log.Version);
        Assert.Equal(events, log.Events.ToArray());
        Assert.Equal(TimeSpan.FromHours(1), log.Events[0].At.Offset);
    }

    [Fact]
    public async Task AppendAsync_SecondAppend_ContinuesTheStreamAndUpdatesTheIndexRow()
    {
        var id = NewId();
        var app = NewId("app");
        await Releases.AppendAsync(id, app, 0, Events(1, 2), "running", CancellationToken.None);

        await Releases.AppendAsync(id, app, 2, Events(3, 3), "succeeded", CancellationToken.None);

        var log = await Releases.ReadAsync(id, CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4, 5], log.Events.Select(e => e.Version));
        var entry = Assert.Single(await Releases.ListByAppAsync(app, CancellationToken.None));
        Assert.Equal(new ReleaseIndexEntry(id, app, T0.AddMinutes(1), T0.AddMinutes(5), "succeeded", 5), entry);
        Assert.True(entry.IsTerminal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    [InlineData(2, 1)]
    public async Task AppendAsync_WrongExpectedVersion_ThrowsConflictAndWritesNothing(long stored, long expected)
    {
        var id = NewId();
        if (stored > 0) await Releases.AppendAsync(id, "shop", 0, Events(1, (int)stored), "running", CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Releases.AppendAsync(id, "shop", expected, Events(expected + 1, 2), "aborted", CancellationToken.None));

        var log = await Releases.ReadAsync(id, CancellationToken.None);
        Assert.Equal(stored, log.Version);
    }

    [Fact]
    public async Task AppendAsync_SameReleaseIdStartedForAnotherApp_ThrowsConflictAndWritesNothing()
    {
        var id = NewId();
        var (shop, billing) = (NewId("app"), NewId("app"));
        await Releases.AppendAsync(id, shop, 0, Events(1, 2), "running", CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Releases.AppendAsync(id, billing, 0, Events(1, 1), "running", CancellationToken.None));

        Assert.Equal(2, (await Releases.ReadAsync(id, CancellationToken.None)).Version);
        Assert.Equal(shop, Assert.Single(await Releases.ListByAppAsync(shop, CancellationToken.None)).App);
        Assert.Empty(await Releases.ListByAppAsync(billing, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_VersionsWithAGap_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Releases.AppendAsync(NewId(), "shop", 0, [Event(1), Event(3)], "running", CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppendsAtTheSameVersion_ExactlyOneWinsAndTheLoserRetries()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = NewId();
            await Releases.AppendAsync(id, "shop", 0, Events(1, 1), "running", CancellationToken.None);
            using var go = new ManualResetEventSlim();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                go.Wait();
                try
                {
                    await Releases.AppendAsync(id, "shop", 1, [Event(2, $"Writer{w}"), Event(3, $"Writer{w}")], "running", CancellationToken.None);
                    return true;
                }
                catch (ConcurrencyConflictException)
                {
                    return false;
                }
            })).ToArray();
            go.Set();
            var outcomes = await Task.WhenAll(writers);

            Assert.Equal(1, outcomes.Count(won => won));
            var log = await Releases.ReadAsync(id, CancellationToken.None);
            Assert.Equal(3, log.Version);
            Assert.Single(log.Events.Skip(1).Select(e => e.Type).Distinct());

            // The loser re-reads and appends after the winner.
            await Releases.AppendAsync(id, "shop", log.Version, [Event(4, "Retried")], "running", CancellationToken.None);
            Assert.Equal(4, (await Releases.ReadAsync(id, CancellationToken.None)).Version);
        }
    }

    [Fact]
    public async Task ListByAppAsync_SeveralApps_ReturnsOnlyThatAppOldestFirst()
    {
        var app = NewId("app");
        var other = NewId("app");
        var late = NewId();
        var early = NewId();
        await Releases.AppendAsync(late, app, 0, [Event(1) with { At = T0.AddHours(2) }], "running", CancellationToken.None);
        await Releases.AppendAsync(early, app, 0, [Event(1) with { At = T0.AddHours(1) }], "running", CancellationToken.None);
        await Releases.AppendAsync(NewId(), other, 0, [Event(1)], "running", CancellationToken.None);

        var list = await Releases.ListByAppAsync(app, CancellationToken.None);

        Assert.Equal([early, late], list.Select(e => e.ReleaseId));
    }

    [Fact]
    public async Task ListActiveAsync_AfterTerminalStatus_LeavesTheReleaseOut()
    {
        var app = NewId("app");
        var active = NewId();
        var done = NewId();
        await Releases.AppendAsync(active, app, 0, Events(1, 1), "baking", CancellationToken.None);
        await Releases.AppendAsync(done, app, 0, Events(1, 1), "baking", CancellationToken.None);
        await Releases.AppendAsync(done, app, 1, Events(2, 1), "rolled-back", CancellationToken.None);

        var ids = (await Releases.ListActiveAsync(CancellationToken.None)).Select(e => e.ReleaseId).ToList();

        Assert.Contains(active, ids);
        Assert.DoesNotContain(done, ids);
    }

    [Theory]
    [InlineData("rel/1#2?3\\4")]
    [InlineData("rel 'quoted' %20 (x)")]
    [InlineData("rel\u0001\u007f\u0085tab\t")]
    public async Task AppendAsync_ReleaseIdWithCharactersTableStorageForbids_RoundTrips(string suffix)
    {
        var id = NewId() + suffix;
        var app = NewId("app/") + suffix;
        await Releases.AppendAsync(id, app, 0, Events(1, 2), "running", CancellationToken.None);

        Assert.Equal(2, (await Releases.ReadAsync(id, CancellationToken.None)).Version);
        Assert.Equal(id, Assert.Single(await Releases.ListByAppAsync(app, CancellationToken.None)).ReleaseId);
    }

    // ---- documents ----

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        Assert.Null(await Documents.GetAsync("queue", NewId("p"), "k", CancellationToken.None));
    }

    [Fact]
    public async Task TryInsertAsync_Twice_SecondReturnsFalseAndKeepsTheFirst()
    {
        var p = NewId("p");

        Assert.True(await Documents.TryInsertAsync("queue", new Document(p, "k", "{\"v\":1}"), CancellationToken.None));
        Assert.False(await Documents.TryInsertAsync("queue", new Document(p, "k", "{\"v\":2}"), CancellationToken.None));

        Assert.Equal("{\"v\":1}", (await Documents.GetAsync("queue", p, "k", CancellationToken.None))!.Json);
    }

    [Fact]
    public async Task PutAsync_WithoutETag_UpsertsAndReturnsTheStoredETag()
    {
        var p = NewId("p");
        var first = await Documents.PutAsync("windows", new Document(p, "k", "{\"v\":1}"), CancellationToken.None);
        var second = await Documents.PutAsync("windows", new Document(p, "k", "{\"v\":2}"), CancellationToken.None);

        var doc = await Documents.GetAsync("windows", p, "k", CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(new Document(p, "k", "{\"v\":2}", second), doc);
    }

    [Fact]
    public async Task PutAsync_WithCurrentETag_ReplacesAndWithStaleETag_ThrowsConflict()
    {
        var p = NewId("p");
        var etag = await Documents.PutAsync("feedback", new Document(p, "k", "1"), CancellationToken.None);
        var newer = await Documents.PutAsync("feedback", new Document(p, "k", "2", etag), CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Documents.PutAsync("feedback", new Document(p, "k", "3", etag), CancellationToken.None));

        Assert.Equal(new Document(p, "k", "2", newer), await Documents.GetAsync("feedback", p, "k", CancellationToken.None));
    }

    [Fact]
    public async Task PutAsync_ETagForAMissingDocument_ThrowsConflict()
    {
        var p = NewId("p");
        var etag = await Documents.PutAsync("feedback", new Document(p, "k", "1"), CancellationToken.None);
        Assert.True(await Documents.DeleteAsync("feedback", p, "k", etag, CancellationToken.None));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Documents.PutAsync("feedback", new Document(p, "k", "2", etag), CancellationToken.None));
        Assert.Null(await Documents.GetAsync("feedback", p, "k", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_MissingStaleAndCurrentETag_FalseConflictTrue()
    {
        var p = NewId("p");
        Assert.False(await Documents.DeleteAsync("retros", p, "k", null, CancellationToken.None));
        var old = await Documents.PutAsync("retros", new Document(p, "k", "1"), CancellationToken.None);
        var current = await Documents.PutAsync("retros", new Document(p, "k", "2"), CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Documents.DeleteAsync("retros", p, "k", old, CancellationToken.None));
        Assert.True(await Documents.DeleteAsync("retros", p, "k", current, CancellationToken.None));
        Assert.Null(await Documents.GetAsync("retros", p, "k", CancellationToken.None));
    }

    private static readonly string[] OddKeys =
        ["a", "a/b", "a#", "a.c", "a.", "a-", "a0", "b?", "b>", "b\\", "b[", "b\u0001", "b ", "c~", "c\u007f", "c\u0090", "c%", "c$", "d'e", "é", "zz"];

    public static TheoryData<string?, string?> Ranges() => new()
    {
        { null, null },
        { "a.", "b" },
        { "a/", "a0" },
        { "b", "c" },
        { "c~", null },
        { null, "a0" },
        { "\u0000", "\u0002" },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task QueryAsync_KeyRangeOverKeysTableStorageForbids_ReturnsOrdinalRangeInOrder(string? from, string? to)
    {
        var p = NewId("p");
        foreach (var key in OddKeys.Reverse())
        {
            await Documents.PutAsync("plan", new Document(p, key, $"\"{key.Length}\""), CancellationToken.None);
        }

        var keys = await Documents.QueryAsync("plan", p, from, to, CancellationToken.None).Select(d => d.Key).ToListAsync();

        var expected = OddKeys
            .Where(k => (from is null || string.CompareOrdinal(k, from) >= 0) && (to is null || string.CompareOrdinal(k, to) < 0))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task QueryAsync_AllPartitions_ReturnsThisCollectionOnlyOrderedByPartitionThenKey()
    {
        var collection = "c" + Guid.NewGuid().ToString("N")[..8];
        await Documents.PutAsync(collection, new Document("p2", "a", "1"), CancellationToken.None);
        await Documents.PutAsync(collection, new Document("p1", "b", "2"), CancellationToken.None);
        await Documents.PutAsync(collection, new Document("p1", "a", "3"), CancellationToken.None);
        await Documents.PutAsync(collection, new Document("p1/x", "a", "4"), CancellationToken.None);
        await Documents.PutAsync(collection + "x", new Document("p1", "a", "other"), CancellationToken.None);
        await Documents.PutAsync(collection[..^1], new Document("p1", "a", "other"), CancellationToken.None);

        var docs = await Documents.QueryAsync(collection, null, null, null, CancellationToken.None).ToListAsync();

        Assert.Equal(["p1:a", "p1:b", "p1/x:a", "p2:a"], docs.Select(d => $"{d.Partition}:{d.Key}"));
    }

    [Fact]
    public async Task PutAsync_KeysOfMaximumLengthWithForbiddenCharacters_RoundTripAndStayDistinct()
    {
        var p = NewId("p") + new string('/', 300);
        var k1 = new string('#', 511) + "1";
        var k2 = new string('#', 511) + "2";
        await Documents.PutAsync("long", new Document(p, k1, "1"), CancellationToken.None);
        await Documents.PutAsync("long", new Document(p, k2, "2"), CancellationToken.None);

        Assert.Equal("1", (await Documents.GetAsync("long", p, k1, CancellationToken.None))!.Json);
        Assert.Equal("2", (await Documents.GetAsync("long", p, k2, CancellationToken.None))!.Json);
        var all = await Documents.QueryAsync("long", p, null, null, CancellationToken.None).ToListAsync();
        Assert.Equal([k1, k2], all.Select(d => d.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PutAsync_LargeJson_RoundTrips()
    {
        var p = NewId("p");
        var json = "\"" + string.Concat(Enumerable.Repeat("0123456789abcdef😀", 10_000)) + "\"";

        await Documents.PutAsync("big", new Document(p, "k", json), CancellationToken.None);

        Assert.Equal(json, (await Documents.GetAsync("big", p, "k", CancellationToken.None))!.Json);
    }

    [Fact]
    public async Task AppQueue_ConcurrentEnqueuesOnThisStore_GetDistinctOrderedPlaces()
    {
        var queue = new AppQueue(Documents);
        var app = NewId("shop/") + "#1";
        var releases = Enumerable.Range(0, 6).Select(i => $"r{i}").ToList();

        var added = await Task.WhenAll(releases.Select(r => Task.Run(() => queue.EnqueueAsync(app, r, CancellationToken.None))));
        var again = await queue.EnqueueAsync(app, "r0", CancellationToken.None);
        var list = await queue.ListAsync(app, CancellationToken.None);
        await queue.RemoveAsync(app, list[0].ReleaseId, CancellationToken.None);

        Assert.All(added, Assert.True);
        Assert.False(again);
        Assert.Equal(releases.Order(StringComparer.Ordinal), list.Select(e => e.ReleaseId).Order(StringComparer.Ordinal));
        Assert.Equal(list.Select(e => e.Sequence).Order(), list.Select(e => e.Sequence));
        Assert.Equal(list[1], await queue.HeadAsync(app, CancellationToken.None));
    }

    [Fact]
    public async Task PutBatchAsync_OnePartition_WritesAll()
    {
        var p = NewId("p");
        var docs = Enumerable.Range(0, 50).Select(i => new Document(p, $"k{i:D3}", $"{i}")).ToList();

        await Documents.PutBatchAsync("batch", p, docs, CancellationToken.None);

        var stored = await Documents.QueryAsync("batch", p, null, null, CancellationToken.None).ToListAsync();
        Assert.Equal(docs.Select(d => (d.Key, d.Json)), stored.Select(d => (d.Key, d.Json)));
        Assert.All(stored, d => Assert.NotNull(d.ETag));
    }

    [Fact]
    public async Task PutBatchAsync_DocumentOfAnotherPartition_ThrowsAndWritesNothing()
    {
        var p = NewId("p");
        var docs = new[] { new Document(p, "a", "1"), new Document(p + "x", "b", "2") };

        await Assert.ThrowsAsync<ArgumentException>(() => Documents.PutBatchAsync("batch", p, docs, CancellationToken.None));

        Assert.Empty(await Documents.QueryAsync("batch", p, null, null, CancellationToken.None).ToListAsync());
    }
}
