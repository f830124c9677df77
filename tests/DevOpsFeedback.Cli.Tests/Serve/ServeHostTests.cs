namespace DevOpsFeedback.Cli.Serve;

public sealed class ServeHostTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50 * 24 * 60)]
    public void Build_HealthIntervalOutOfRange_ThrowsNamingTheSetting(int minutes)
    {
        var settings = new ServeSettings(DataDirectory: Path.Combine(Path.GetTempPath(), "dfb-never-created"), HealthCheckInterval: TimeSpan.FromMinutes(minutes));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ServeHost.Build(settings, []));
        Assert.Contains(nameof(ServeSettings.HealthCheckInterval), error.Message, StringComparison.Ordinal);
    }
}
