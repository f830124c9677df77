using DevOpsFeedback.Analysis;

namespace DevOpsFeedback.Backtest;

public class BacktestReleaseReaderTests
{
    [Fact]
    public void Read_DesignExample_ReadsBlueGreen()
    {
        var release = BacktestReleaseReader.Read("""
            { "app": "contoso-web", "baselineVersion": "1.4.2", "candidateVersion": "1.5.0", "mode": "blue-green", "swapAt": "2026-11-20T10:00:00Z" }
            """, "r.json");
        Assert.Equal(AnalysisMode.BlueGreen, release.Mode);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), release.StartedAt);
    }

    [Fact]
    public void Read_Canary_StartsAtTheFirstStep()
    {
        var release = BacktestReleaseReader.Read("""
            { "baselineVersion": "1", "candidateVersion": "2", "mode": "canary",
              "canarySteps": [{"at": "2026-11-20T10:00:00Z", "percent": 5}, {"at": "2026-11-20T10:15:00Z", "percent": 25}] }
            """, "r.json");
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), release.StartedAt);
        Assert.Equal(2, release.CanarySteps.Length);
    }

    [Theory]
    [InlineData("""{"candidateVersion":"2","mode":"blue-green","swapAt":"2026-11-20T10:00:00Z"}""", "r.json: baselineVersion: required")]
    [InlineData("""{"baselineVersion":"1","candidateVersion":"2","mode":"linear"}""", "r.json: mode: 'linear' is not")]
    [InlineData("""{"baselineVersion":"1","candidateVersion":"2","mode":"blue-green"}""", "r.json: swapAt: required")]
    [InlineData("""{"baselineVersion":"1","candidateVersion":"2","mode":"blue-green","swapAt":"soon"}""", "r.json: swapAt: 'soon' is not an ISO 8601 time")]
    [InlineData("""{"baselineVersion":"1","candidateVersion":"2","mode":"canary","canarySteps":[{"at":"2026-11-20T10:00:00Z","percent":150}]}""", "r.json: canarySteps[0].percent: must be a number in (0, 100]")]
    [InlineData("""{"baselineVersion":"1","candidateVersion":"1","mode":"canary"}""", "r.json: candidateVersion: must differ")]
    [InlineData("""{"baselineVersion":""", "r.json:1:")]
    [InlineData("""{"baselineVersion":"1","candidateVersion":"2","mode":"blue-green","swapAt":"2026-11-20T10:00:30Z"}""", "r.json: swapAt: '2026-11-20T10:00:30Z' is not the start of a minute")]
    [InlineData("""{"baselineVersion":"1","candidateVersion":"2","mode":"canary","canarySteps":[{"at":"2026-11-20T10:00:05Z","percent":5}]}""", "r.json: canarySteps[0].at: '2026-11-20T10:00:05Z' is not the start of a minute")]
    public void Read_BadRelease_NamesTheField(string json, string expected)
    {
        var ex = Assert.Throws<BacktestInputException>(() => BacktestReleaseReader.Read(json, "r.json"));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }
}
