using DevOpsFeedback.Api;
using DevOpsFeedback.Azure.AppService;
using DevOpsFeedback.Azure.SourceControl;
using DevOpsFeedback.Azure.Telemetry;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsFeedback.Cli.Serve;

public sealed class ServeHostTests : IDisposable
{
    private const string Site = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Web/sites/shop-web";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dfb-serve-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

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

    [Fact]
    public void Build_UnknownTarget_ThrowsNamingTheSetting()
    {
        var settings = new ServeSettings(DataDirectory: _data, Target: "aws");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ServeHost.Build(settings, []));
        Assert.Contains(nameof(ServeSettings.Target), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Default_RunsOnTheSimulatedAppServiceWithTheBuiltInPolicies()
    {
        await using var app = ServeHost.Build(new ServeSettings(DataDirectory: _data), []);

        Assert.IsType<SimulatedAppService>(app.Services.GetRequiredService<ISlotController>());
        Assert.IsType<SimulatedAppService>(app.Services.GetRequiredService<ITelemetrySource>());
        Assert.IsType<SimulatedSourceControl>(app.Services.GetRequiredService<ISourceControl>());
        Assert.Equal([ServeHost.DemoApp], app.Services.GetRequiredService<ServeTargetApps>().Names);
        Assert.Same(ReleaseApiOptions.Default, app.Services.GetRequiredService<ReleaseApiOptions>());
    }

    [Fact]
    public async Task Build_AzureTarget_WiresTheAdaptersForTheTargetsAndTheTelemetryDelay()
    {
        await using var app = ServeHost.Build(new ServeSettings(DataDirectory: _data, Target: ServeSettings.AzureTarget), [
            "--Release:Targets:0:App=shop", $"--Release:Targets:0:SiteResourceId={Site}", "--Release:Targets:0:Repository=contoso/shop",
            "--Release:TelemetryDelayMinutes=7", "--LogAnalytics:WorkspaceId=6a1e2c3b-0d4f-4e5a-9b8c-7d6e5f4a3b2c",
        ]);

        Assert.IsType<AppServiceSlotController>(app.Services.GetRequiredService<ISlotController>());
        Assert.IsType<LogAnalyticsTelemetrySource>(app.Services.GetRequiredService<ITelemetrySource>());
        Assert.IsType<GitHubSourceControl>(app.Services.GetRequiredService<ISourceControl>());
        Assert.Equal(Site, app.Services.GetRequiredService<AppServiceOptions>().Apps["shop"]);
        Assert.Equal(["shop"], app.Services.GetRequiredService<ServeTargetApps>().Names);
        var policies = app.Services.GetRequiredService<ReleaseApiOptions>().Policies;
        Assert.Equal(ReleaseApiOptions.Default.Policies.Keys.Order(StringComparer.Ordinal), policies.Keys.Order(StringComparer.Ordinal));
        Assert.All(policies.Values, p => Assert.Equal(TimeSpan.FromMinutes(7), p("shop").Bake.TelemetryDelay));
    }

    [Fact]
    public async Task Build_AzureTargetOnMetrics_ReadsPlatformMetricsWithSwapTimesFromTheLocalStore()
    {
        await using var app = ServeHost.Build(new ServeSettings(DataDirectory: _data, Target: ServeSettings.AzureTarget), [
            "--Release:Targets:0:App=shop", $"--Release:Targets:0:SiteResourceId={Site}", "--Release:TelemetrySource=Metrics",
        ]);

        Assert.IsType<AzureMonitorMetricsTelemetrySource>(app.Services.GetRequiredService<ITelemetrySource>());
        Assert.Equal(Site, app.Services.GetRequiredService<AzureMonitorMetricsOptions>().Sites["shop"]);
    }

    [Theory]
    [InlineData("--Release:TelemetryDelayMinutes=-1", "Release:TelemetryDelayMinutes")]
    [InlineData("--Release:TelemetrySource=Prometheus", "Release:TelemetrySource")]
    [InlineData("--Release:Targets:1:App=bad app", "Release:Targets:1:App")]
    [InlineData("--LogAnalytics:WorkspaceId=not-a-guid", "LogAnalytics:WorkspaceId")]
    [InlineData("--GitHub:ApiBaseUrl=http://api.github.com", "GitHub:ApiBaseUrl")]
    [InlineData("--AppService:StagingSlotName=production", "AppService:StagingSlotName")]
    public void Build_AzureTargetWithAnInvalidSetting_FailsAtStartNamingIt(string argument, string named)
    {
        var error = Assert.Throws<ServeConfigurationException>(() => ServeHost.Build(new ServeSettings(DataDirectory: _data, Target: ServeSettings.AzureTarget), [
            "--Release:Targets:0:App=shop", $"--Release:Targets:0:SiteResourceId={Site}", "--LogAnalytics:WorkspaceId=6a1e2c3b-0d4f-4e5a-9b8c-7d6e5f4a3b2c", argument,
        ]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
