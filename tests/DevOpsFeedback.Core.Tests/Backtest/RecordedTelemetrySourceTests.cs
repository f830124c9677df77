using System.Collections.Immutable;
using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Backtest;

public class RecordedTelemetrySourceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly ImmutableArray<TelemetryFrame> Recording =
    [
        .. Enumerable.Range(0, 10).Select(m => new TelemetryFrame(T0.AddMinutes(9 - m), "1.0", 100, 1)),
        .. Enumerable.Range(5, 5).Select(m => new TelemetryFrame(T0.AddMinutes(m), "2.0", 50, 0)),
    ];

    [Theory]
    [InlineData(3, 3)]
    [InlineData(7, 7 + 2)]
    [InlineData(10, 10 + 5)]
    public async Task QueryAsync_VirtualNow_OnlyMinutesThatEndedAreVisible(int nowMinute, int expectedFrames)
    {
        var source = new RecordedTelemetrySource(Recording, () => T0.AddMinutes(nowMinute));
        var result = await source.QueryAsync("app", ["1.0", "2.0"], T0, T0.AddMinutes(nowMinute), CancellationToken.None);
        Assert.True(result.IsSuccess);
        Assert.Equal(expectedFrames, result.Frames.Length);
        Assert.All(result.Frames, f => Assert.True(f.Time.AddMinutes(1) <= T0.AddMinutes(nowMinute)));
    }

    [Fact]
    public async Task QueryAsync_OtherVersionsAndEarlierMinutes_AreLeftOut()
    {
        var source = new RecordedTelemetrySource(Recording, () => T0.AddMinutes(10));
        var result = await source.QueryAsync("app", ["2.0"], T0.AddMinutes(7), T0.AddMinutes(10), CancellationToken.None);
        Assert.Equal([T0.AddMinutes(7), T0.AddMinutes(8), T0.AddMinutes(9)], result.Frames.Select(f => f.Time));
        Assert.All(result.Frames, f => Assert.Equal("2.0", f.Version));
    }

    [Fact]
    public async Task QueryAsync_PastTheLastRecordedMinute_FailsNeverEmptyHealth()
    {
        var source = new RecordedTelemetrySource(Recording, () => T0.AddMinutes(11));
        var result = await source.QueryAsync("app", ["1.0", "2.0"], T0, T0.AddMinutes(11), CancellationToken.None);
        Assert.False(result.IsSuccess);
        Assert.Equal("no telemetry recorded after 2026-11-20T10:10Z", result.Error);
    }

    [Fact]
    public async Task QueryAsync_NothingRecorded_Fails()
    {
        var source = new RecordedTelemetrySource([], () => T0);
        Assert.Equal("no telemetry recorded", (await source.QueryAsync("app", ["1.0"], T0, T0, CancellationToken.None)).Error);
    }
}
