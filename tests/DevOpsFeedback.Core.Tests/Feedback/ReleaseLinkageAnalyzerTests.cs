using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

public sealed class ReleaseLinkageAnalyzerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static DeploymentRecord Deploy(string version, int day, DeploymentOutcome outcome = DeploymentOutcome.Succeeded, DateTimeOffset? restored = null) =>
        new("web", $"rel-{version}", version, T0.AddDays(day - 1), T0.AddDays(day), outcome, restored);

    private static IEnumerable<FeedbackRecord> Items(string version, int startDay, int count, int bugs, int rating)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new FeedbackRecord($"{version}-{i:D4}", "web", version, false, rating - (i % 2), i < bugs ? FeedbackCategory.Bug : FeedbackCategory.Idea,
                "text", null, null, T0.AddDays(startDay).AddMinutes(i * 7));
        }
    }

    [Fact]
    public void Analyze_BugShareAndRatingJump_FlagsWorse()
    {
        var feedback = Items("1.0", 0, 100, 10, 5).Concat(Items("2.0", 10, 100, 50, 3));
        var result = ReleaseLinkageAnalyzer.Analyze(feedback, [Deploy("1.0", 0), Deploy("2.0", 10)], T0, T0.AddDays(20));

        Assert.Equal(["1.0", "2.0"], result.Select(v => v.Version));
        Assert.Empty(result[0].Flags);
        var v2 = result[1];
        Assert.Equal((100, 50, 10.0, "1.0"), (v2.Count, v2.BugCount, v2.ExposureDays, v2.PreviousVersion));
        Assert.Contains(v2.Flags, f => f is { Measure: "bug-share", Worse: true });
        Assert.Contains(v2.Flags, f => f is { Measure: "rating", Worse: true });
        Assert.DoesNotContain(v2.Flags, f => f.Measure == "volume");
    }

    [Fact]
    public void Analyze_SameDistribution_NoFlag()
    {
        var feedback = Items("1.0", 0, 100, 20, 4).Concat(Items("2.0", 10, 100, 22, 4));
        var result = ReleaseLinkageAnalyzer.Analyze(feedback, [Deploy("1.0", 0), Deploy("2.0", 10)], T0, T0.AddDays(20));
        Assert.All(result, v => Assert.Empty(v.Flags));
    }

    [Fact]
    public void Analyze_TooFewItems_NoFlagEvenOnLargeChange()
    {
        var feedback = Items("1.0", 0, 10, 0, 5).Concat(Items("2.0", 10, 10, 10, 1));
        var result = ReleaseLinkageAnalyzer.Analyze(feedback, [Deploy("1.0", 0), Deploy("2.0", 10)], T0, T0.AddDays(20));
        Assert.All(result, v => Assert.Empty(v.Flags));
    }

    [Fact]
    public void Analyze_VolumeSurge_FlagsVolume()
    {
        var feedback = Items("1.0", 0, 40, 4, 4).Concat(Items("2.0", 10, 400, 40, 4));
        var result = ReleaseLinkageAnalyzer.Analyze(feedback, [Deploy("1.0", 0), Deploy("2.0", 10)], T0, T0.AddDays(20));
        Assert.Contains(result[1].Flags, f => f is { Measure: "volume", Worse: true });
    }

    [Fact]
    public void ProductionTimeline_RollBack_HandsProductionBackToPreviousVersion()
    {
        var timeline = new ProductionTimeline([Deploy("1.0", 0), Deploy("2.0", 10, DeploymentOutcome.RolledBack, T0.AddDays(10).AddHours(1))]);
        Assert.Null(timeline.At(T0.AddHours(-1)));
        Assert.Equal("1.0", timeline.At(T0.AddDays(5))!.Version);
        Assert.Equal("2.0", timeline.At(T0.AddDays(10).AddMinutes(30))!.Version);
        Assert.Equal("1.0", timeline.At(T0.AddDays(11))!.Version);
        Assert.Equal(TimeSpan.FromHours(1), timeline.Exposure("2.0", T0, T0.AddDays(20)));
    }
}
