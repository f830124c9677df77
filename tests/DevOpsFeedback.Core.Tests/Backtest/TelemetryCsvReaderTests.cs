namespace DevOpsFeedback.Backtest;

public class TelemetryCsvReaderTests
{
    private const string Header = "time,version,requests,failures,le_25,le_50,le_100,le_250,le_500,le_1000,le_2500,le_5000,le_10000";

    private static TelemetryCsv Read(string text) => TelemetryCsvReader.Read(new StringReader(text), "t.csv");

    [Fact]
    public void Read_DesignExample_GivesOneFrameWithHistogram()
    {
        var csv = Read($"{Header}\n2026-11-20T09:00:00Z,1.4.2,1830,3,402,1210,1655,1790,1818,1826,1829,1830,1830\n");
        var frame = Assert.Single(csv.Frames);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), frame.Time);
        Assert.Equal(("1.4.2", 1830L, 3L), (frame.Version, frame.Requests, frame.Failures));
        Assert.Equal([402L, 1210, 1655, 1790, 1818, 1826, 1829, 1830, 1830], frame.Latency!.Cumulative.ToArray());
        Assert.Equal(2, csv.Lines[0]);
    }

    [Fact]
    public void Read_NoLatencyColumnsAndExtraColumns_JudgesVolumeOnly()
    {
        var csv = Read("version,time,requests,failures,region\n1.0,2026-11-20T09:01:00Z,10,0,west\n");
        Assert.Null(Assert.Single(csv.Frames).Latency);
    }

    [Theory]
    [InlineData("", "t.csv:1: empty file")]
    [InlineData("time,version,requests\n", "t.csv:1: missing column 'failures'")]
    [InlineData("time,version,requests,failures\n", "t.csv:2: no data rows")]
    [InlineData("time,version,requests,failures\n2026-11-20T09:00:00Z,1.0,abc,0\n", "t.csv:2:3: column 'requests': 'abc' is not a whole number")]
    [InlineData("time,version,requests,failures\n2026-11-20T09:00:00Z,1.0,10\n", "t.csv:2:4: column 'failures': missing")]
    [InlineData("time,version,requests,failures\nyesterday,1.0,10,0\n", "t.csv:2:1: column 'time'")]
    [InlineData("time,version,requests,failures\n2026-11-20T09:00:30Z,1.0,10,0\n", "t.csv:2:1: column 'time': '2026-11-20T09:00:30Z' is not the start of a minute")]
    [InlineData("time,version,requests,failures\n2026-11-20T09:00:00Z,1.0,10,11\n", "t.csv:2:4: column 'failures': 11 is more than requests 10")]
    [InlineData("time,version,requests,failures,le_25,le_50\n2026-11-20T09:00:00Z,1.0,10,1,5,4\n", "t.csv:2:6: column 'le_50': 4 is less than le_25 5")]
    [InlineData("time,version,requests,failures\n2026-11-20T09:00:00Z,1.0,10,1\n2026-11-20T09:00:00Z,1.0,10,1\n", "t.csv:3:1: duplicate row")]
    [InlineData("time,version,requests,failures,le_fast\n", "t.csv:1:5: column 'le_fast'")]
    public void Read_BadInput_NamesFileLineAndColumn(string text, string expected)
    {
        var ex = Assert.Throws<BacktestInputException>(() => Read(text));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureOnlyVersions_UnknownVersion_NamesLineAndColumn()
    {
        var csv = Read("time,version,requests,failures\n2026-11-20T09:00:00Z,1.0,10,1\n2026-11-20T09:00:00Z,9.9,10,1\n");
        var ex = Assert.Throws<BacktestInputException>(() => csv.EnsureOnlyVersions("1.0", "2.0"));
        Assert.StartsWith("t.csv:3:2: column 'version': unknown version '9.9'", ex.Message, StringComparison.Ordinal);
    }
}
