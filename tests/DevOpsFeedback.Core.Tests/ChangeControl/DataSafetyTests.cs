using System.Collections.Immutable;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.ChangeControl;

public sealed class DataSafetyTests
{
    private static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static SlotState Slot(string name, ImmutableSortedDictionary<string, string> settings, ImmutableSortedDictionary<string, string> connections) =>
        new(name, "Running", $"{name}.example", "1.0.0", "abc", settings, connections, null);

    private static SlotsSnapshot Snapshot(
        (string, string)[] productionConnections, (string, string)[] stagingConnections, string[] stickyConnections,
        (string, string)[]? productionSettings = null, (string, string)[]? stagingSettings = null, string[]? stickySettings = null) => new(
        Slot("production", Map(productionSettings ?? []), Map(productionConnections)),
        Slot("staging", Map(stagingSettings ?? []), Map(stagingConnections)),
        new StickyNames([.. stickySettings ?? []], [.. stickyConnections]),
        0);

    private static readonly ImmutableHashSet<string> NoPolicy = [];

    [Fact]
    public void Check_StickyAndDifferentConnectionStrings_FindsNothing()
    {
        var slots = Snapshot([("Db", "prod"), ("Cache", "prod-cache")], [("Db", "stg"), ("Cache", "stg-cache")], ["Db", "Cache"]);
        Assert.Empty(DataSafety.Check(slots, NoPolicy));
    }

    [Fact]
    public void Check_ConnectionStringNotSticky_NamesIt()
    {
        var slots = Snapshot([("Db", "prod")], [("Db", "stg")], []);
        Assert.Equal(["connection string 'Db' is environment-bound but not slot-sticky: a swap would carry staging's value into production"], DataSafety.Check(slots, NoPolicy).ToArray());
    }

    [Fact]
    public void Check_StagingUsesProductionsConnection_NamesItWithoutEchoingTheValue()
    {
        var slots = Snapshot([("Db", "Server=prod;Password=secret")], [("Db", "Server=prod;Password=secret")], ["Db"]);
        var problem = Assert.Single(DataSafety.Check(slots, NoPolicy));
        Assert.Contains("'Db' has the same value in staging and production", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NotStickyAndSameValue_ReportsBoth()
    {
        var slots = Snapshot([("Db", "x")], [("Db", "x")], []);
        Assert.Equal(2, DataSafety.Check(slots, NoPolicy).Length);
    }

    [Fact]
    public void Check_ConnectionStringOnlyInStaging_MustStillBeSticky()
    {
        var slots = Snapshot([], [("Search", "stg")], []);
        Assert.Contains("'Search' is environment-bound but not slot-sticky", Assert.Single(DataSafety.Check(slots, NoPolicy)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "QUEUE" }, false, "stg-q", "app setting 'QUEUE' is environment-bound but not slot-sticky")]
    [InlineData(new[] { "QUEUE" }, true, "prod-q", "app setting 'QUEUE' has the same value in staging and production")]
    [InlineData(new string[0], false, "prod-q", null)]
    [InlineData(new[] { "queue" }, false, "prod-q", null)]
    [InlineData(new[] { "QUEUE" }, true, "stg-q", null)]
    public void Check_AppSettings_OnlyThoseNamedByPolicyAreEnvironmentBound(string[] policy, bool sticky, string stagingValue, string? expected)
    {
        var slots = Snapshot([], [], [], [("QUEUE", "prod-q"), ("FEATURE", "on")], [("QUEUE", stagingValue), ("FEATURE", "on")], sticky ? ["QUEUE"] : []);
        var problems = DataSafety.Check(slots, policy.ToImmutableHashSet(StringComparer.Ordinal));
        if (expected is null) Assert.Empty(problems);
        else Assert.StartsWith(expected, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SeveralProblems_ComeInNameOrder()
    {
        var slots = Snapshot([("Zeta", "1"), ("Alpha", "1")], [("Zeta", "2"), ("Alpha", "2")], []);
        var problems = DataSafety.Check(slots, NoPolicy);
        Assert.Equal(2, problems.Length);
        Assert.Contains("'Alpha'", problems[0], StringComparison.Ordinal);
        Assert.Contains("'Zeta'", problems[1], StringComparison.Ordinal);
    }
}
