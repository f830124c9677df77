using DevOpsFeedback.Azure.Loopback;
using FsCheck;
using FsCheck.Fluent;

namespace DevOpsFeedback.Azure.Telemetry;

public sealed class LogAnalyticsQueryTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly string SafeSkeleton = KqlText.Split(LogAnalyticsQuery.Build("contoso-web", ["1.4.2"], From, From.AddHours(1)).Query!).Skeleton;

    /// <summary>Strings made mostly of the characters that could break out of a KQL literal.</summary>
    private static Arbitrary<string> HostileStrings() =>
        Gen.Elements('"', '\\', '\'', '|', '/', '\n', '\r', '(', ')', ' ', 'x', '=', ';', '\u2028', '\u202e', '\0', 'é')
            .ArrayOf()
            .Select(chars => new string(chars))
            .ToArbitrary();

    [Fact]
    public void Build_AnyApp_EitherRejectedNamingAppOrKeptAsOneLiteral()
    {
        Prop.ForAll(HostileStrings(), app =>
        {
            var (query, errors) = LogAnalyticsQuery.Build(app, ["1.4.2"], From, From.AddHours(1));
            if (query is null) return errors.All(e => e.StartsWith("app ", StringComparison.Ordinal));
            var (skeleton, literals) = KqlText.Split(query);
            return skeleton == SafeSkeleton && literals.Count == 2 && literals[0] == app && literals[1] == "1.4.2";
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Build_AnyVersion_EitherRejectedNamingVersionOrKeptAsOneLiteral()
    {
        Prop.ForAll(HostileStrings(), version =>
        {
            var (query, errors) = LogAnalyticsQuery.Build("contoso-web", [version], From, From.AddHours(1));
            if (query is null) return errors.All(e => e.StartsWith("versions[0] ", StringComparison.Ordinal));
            var (skeleton, literals) = KqlText.Split(query);
            return skeleton == SafeSkeleton && literals.SequenceEqual(["contoso-web", version]);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Build_Window_UsesHalfOpenUtcRangeAndSampledCounts()
    {
        var (query, _) = LogAnalyticsQuery.Build("contoso-web", ["1.4.2", "1.5.0"], From.ToOffset(TimeSpan.FromHours(2)), From.AddMinutes(30));

        Assert.Contains("TimeGenerated >= datetime(2026-11-20T09:00:00.0000000Z) and TimeGenerated < datetime(2026-11-20T09:30:00.0000000Z)", query);
        Assert.Contains("requests = sum(ItemCount)", query);
        Assert.Contains("le_10000 = sumif(ItemCount, DurationMs <= 10000)", query);
        Assert.DoesNotContain("count()", query);
        Assert.Contains("AppVersion in (\"1.4.2\", \"1.5.0\")", query);
    }

    [Theory]
    [InlineData(0, "to must be after from")]
    [InlineData(-5, "to must be after from")]
    public void Build_EmptyOrReversedWindow_Rejected(int minutes, string expected)
    {
        var (query, errors) = LogAnalyticsQuery.Build("contoso-web", ["1.4.2"], From, From.AddMinutes(minutes));

        Assert.Null(query);
        Assert.Contains(expected, errors);
    }

    [Fact]
    public void Build_ValueLongerThanLimit_RejectedNamingField()
    {
        var (query, errors) = LogAnalyticsQuery.Build(new string('a', KqlLiteral.MaxLength + 1), ["1.4.2"], From, From.AddHours(1));

        Assert.Null(query);
        Assert.Equal("app is longer than 256 characters", Assert.Single(errors));
    }
}
