using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Feedback;

public sealed class FeedbackRepositoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Salt = new byte[16];

    [Fact]
    public async Task QueryAsync_TimeRange_ReturnsThatAppsItemsOldestFirst()
    {
        var store = new InMemoryDocumentStore();
        var repository = new FeedbackRepository(store);
        var records = new List<FeedbackRecord>();
        for (var day = 9; day >= 0; day--)
        {
            var offset = TimeSpan.FromHours(day % 3); // keys compare in UTC whatever the sender's offset
            var at = new DateTimeOffset(T0.AddDays(day).UtcDateTime).ToOffset(offset);
            records.Add(new FeedbackRecord($"req{day}-000", day % 2 == 0 ? "web" : "api", "1.0", false, 3, FeedbackCategory.Bug, $"day {day}", null, null, at));
        }

        await repository.AddAsync(records, CancellationToken.None);

        var got = new List<FeedbackRecord>();
        await foreach (var f in repository.QueryAsync("web", T0.AddDays(2), T0.AddDays(8), CancellationToken.None)) got.Add(f);
        Assert.Equal(["day 2", "day 4", "day 6"], got.Select(f => f.Text));
        Assert.Equal(records.Single(r => r.Text == "day 4"), got[1]);
    }

    [Fact]
    public async Task AddAsync_SameRecordsTwice_StoresThemOnce()
    {
        var store = new InMemoryDocumentStore();
        var repository = new FeedbackRepository(store);
        var records = FeedbackIntake.Accept(
            [new FeedbackSubmission("web", null, 4, FeedbackCategory.Idea, "mail x@y.io", "user-1", "/a")], T0, "req1", Salt, (_, _) => "1.4.0");
        await repository.AddAsync(records, CancellationToken.None);
        await repository.AddAsync(records, CancellationToken.None);

        var docs = new List<Document>();
        await foreach (var d in store.QueryAsync(FeedbackRepository.Collection, null, null, null, CancellationToken.None)) docs.Add(d);
        var doc = Assert.Single(docs);
        Assert.Equal("web", doc.Partition);
        Assert.Equal("20261101T0000000000000Z_req1-000", doc.Key);
        Assert.DoesNotContain("x@y.io", doc.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("user-1", doc.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_MissingVersion_UsesProductionVersionAndMasks()
    {
        var record = Assert.Single(FeedbackIntake.Accept(
            [new FeedbackSubmission("web", null, null, FeedbackCategory.Bug, "call 555-123-4567", "user-1", null)], T0, "req1", Salt,
            (app, at) => app == "web" && at == T0 ? "1.4.0" : null));
        Assert.Equal(("1.4.0", true, "call [PHONE]"), (record.Version, record.VersionInferred, record.Text));
        Assert.Equal(UserRefHasher.Hash("user-1", Salt), record.UserHash);
    }

    [Fact]
    public async Task RetrospectiveRepository_CompleteAction_MarksItDone()
    {
        var repository = new RetrospectiveRepository(new InMemoryDocumentStore());
        var record = PlanningTestData.Input().Retrospectives[0];
        Assert.True(await repository.AddAsync(record, CancellationToken.None));
        Assert.False(await repository.AddAsync(record, CancellationToken.None));

        Assert.True(await repository.CompleteActionAsync("payments", "r1", record.ReceivedAt, 1, new DateOnly(2026, 11, 2), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => repository.CompleteActionAsync("payments", "r1", record.ReceivedAt, 0, new DateOnly(2026, 11, 2), CancellationToken.None));

        var stored = new List<RetrospectiveRecord>();
        await foreach (var r in repository.QueryAsync("payments", null, CancellationToken.None)) stored.Add(r);
        Assert.Equal(new DateOnly(2026, 11, 2), Assert.Single(stored).Items[1].CompletedOn);
    }
}
