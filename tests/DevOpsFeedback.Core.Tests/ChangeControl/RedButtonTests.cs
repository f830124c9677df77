using DevOpsFeedback.Releases;
using static DevOpsFeedback.Releases.Story;

namespace DevOpsFeedback.ChangeControl;

public sealed class RedButtonTests
{
    private static readonly DateTimeOffset Later = T0.AddHours(2);

    [Fact]
    public void Evaluate_SucceededAndStagingHoldsThePreviousVersion_IsAvailable()
    {
        var status = RedButton.Evaluate(ReleaseDecider.Fold(Succeeded()), SwappedSlots);
        Assert.True(status.Available);
        Assert.Equal("swap back to 1.0.0, which staging still holds", status.Reason);
    }

    [Fact]
    public void Evaluate_NoRelease_IsNotAvailable()
    {
        Assert.Equal(new RedButtonStatus(false, "no release to back out"), RedButton.Evaluate(ReleaseState.Initial, SwappedSlots));
    }

    public static TheoryData<string, string> UnfinishedOrFailed => new()
    {
        { "baking", "release r1 is baking" },
        { "rolled back", "release r1 is rolled-back" },
        { "blocked", "release r1 is blocked" },
    };

    [Theory]
    [MemberData(nameof(UnfinishedOrFailed))]
    public void Evaluate_ReleaseNotSucceeded_SaysWhatItIs(string stage, string reason)
    {
        ReleaseEvent[] history = stage switch
        {
            "baking" => Baking(),
            "rolled back" => [.. Baking(), new RollbackStarted(Later, "alert", "azure-monitor"), new ReleaseRolledBack(Later, "alert")],
            _ => [.. Requested(), .. Admitted, new ReleaseBlocked(T0, "staging runs another build")],
        };
        var status = RedButton.Evaluate(ReleaseDecider.Fold(history), SwappedSlots);
        Assert.False(status.Available);
        Assert.StartsWith(reason, status.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseChange.None, true)]
    [InlineData(DatabaseChange.Expand, true)]
    [InlineData(DatabaseChange.Contract, false)]
    [InlineData(DatabaseChange.Breaking, false)]
    public void Evaluate_DatabaseChange_OnlyRevertibleChangesCanBeSwappedBack(DatabaseChange db, bool available)
    {
        var status = RedButton.Evaluate(ReleaseDecider.Fold(Succeeded(Request(db: db))), SwappedSlots);
        Assert.Equal(available, status.Available);
        if (!available) Assert.Contains("database change that a swap cannot undo", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StagingOverwrittenByANewBuild_IsNotAvailable()
    {
        var status = RedButton.Evaluate(ReleaseDecider.Fold(Succeeded()), Slots(Candidate, CandidateCommit, "1.2.0", "cccc"));
        Assert.False(status.Available);
        Assert.Equal("staging runs 1.2.0, no longer the previous production version 1.0.0: it was overwritten", status.Reason);
    }

    [Fact]
    public void Evaluate_ALaterReleaseWentOut_IsNotAvailable()
    {
        var status = RedButton.Evaluate(ReleaseDecider.Fold(Succeeded()), Slots("1.2.0", "cccc", Candidate, CandidateCommit));
        Assert.False(status.Available);
        Assert.Contains("production runs 1.2.0, not 1.1.0", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SlotsWithoutVersions_IsNotAvailable()
    {
        var status = RedButton.Evaluate(ReleaseDecider.Fold(Succeeded()), Slots(null, null, null, null));
        Assert.False(status.Available);
        Assert.Contains("an unknown version", status.Reason, StringComparison.Ordinal);
    }
}
