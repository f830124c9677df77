namespace DevOpsFeedback.Azure.Telemetry;

public sealed class SwapHistoryVersionResolverTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static List<string> Describe(IEnumerable<SlotVersionSpan> spans) =>
        [.. spans.OrderBy(s => s.From).ThenBy(s => s.Slot, StringComparer.Ordinal)
            .Select(s => $"{s.Slot} {s.Version} {s.From:HH:mm}-{(s.Until is { } u ? u.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "now")}")];

    [Fact]
    public void Spans_NoSwapInWindow_CurrentVersionsFromStart()
    {
        var spans = SwapHistoryVersionResolver.Spans("production", "1.5.0", "staging", "1.4.2", [], From);

        Assert.Equal(["production 1.5.0 10:00-now", "staging 1.4.2 10:00-now"], Describe(spans));
    }

    [Fact]
    public void Spans_OneSwapInWindow_VersionsExchangedBeforeIt()
    {
        var spans = SwapHistoryVersionResolver.Spans("production", "1.5.0", "staging", "1.4.2", [From.AddMinutes(10)], From);

        Assert.Equal([
            "production 1.4.2 10:00-10:10", "staging 1.5.0 10:00-10:10",
            "production 1.5.0 10:10-now", "staging 1.4.2 10:10-now",
        ], Describe(spans));
    }

    [Fact]
    public void Spans_SwapAndRollback_ThreeSegmentsAndSwapsBeforeWindowIgnored()
    {
        var spans = SwapHistoryVersionResolver.Spans("production", "1.4.2", "staging", "1.5.0",
            [From.AddMinutes(20), From.AddMinutes(5), From.AddMinutes(-30)], From);

        Assert.Equal([
            "production 1.4.2 10:00-10:05", "staging 1.5.0 10:00-10:05",
            "production 1.5.0 10:05-10:20", "staging 1.4.2 10:05-10:20",
            "production 1.4.2 10:20-now", "staging 1.5.0 10:20-now",
        ], Describe(spans));
    }

    [Fact]
    public void Spans_UnknownStagingVersion_NoSpanForIt()
    {
        var spans = SwapHistoryVersionResolver.Spans("production", "1.5.0", "staging", null, [From.AddMinutes(10)], From);

        Assert.Equal(["staging 1.5.0 10:00-10:10", "production 1.5.0 10:10-now"], Describe(spans));
    }
}
