using System.CommandLine;

namespace DevOpsFeedback.Cli.Serve;

/// <summary><c>dfb serve</c> as a user types it: bad options and bad <c>--target azure</c> settings stop the start with code 2.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private const string Site = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Web/sites/shop-web";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dfb-serve-cmd-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    /// <summary>Runs the command; a start that wrongly succeeds is stopped after a few seconds (exit 0), so the test fails instead of hanging.</summary>
    private async Task<(int Exit, string Out, string Err)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var exit = await ServeCommand.Create().Parse(["--data", _data, "--urls", "http://127.0.0.1:0", .. args])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stop.Token);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("serve", "--store", "bogus")]
    [InlineData("serve", "--health-minutes", "soon")]
    [InlineData("deploy", "--now")]
    public async Task Dfb_CommandLineItCannotParse_Exits2WithTheReasonOnStandardError(params string[] args)
    {
        var error = new StringWriter();

        var exit = await CliEntry.RunAsync(new RootCommand { ServeCommand.Create() }, args, error);

        Assert.Equal(2, exit);
        Assert.StartsWith("dfb: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadNotificationSetting_Exits2NamingTheKey()
    {
        var (exit, stdout, stderr) = await InvokeAsync("--Notifications:BaseUrl=notaurl", "--Notifications:Sinks:me:Type=webhook", "--Notifications:Sinks:me:Url=https://hooks.contoso.test/x");

        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains("Notifications:BaseUrl", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("Azure")]
    [InlineData("")]
    public async Task Serve_UnknownTarget_Exits2NamingTheChoices(string target)
    {
        var (exit, stdout, stderr) = await InvokeAsync("--target", target);

        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains($"--target must be simulated or azure, not '{target}'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AzureTargetWithoutItsSiteResourceId_Exits2NamingTheSetting()
    {
        var (exit, stdout, stderr) = await InvokeAsync("--target", "azure", "--Release:Targets:0:App=shop");

        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains("Release:Targets:0:SiteResourceId is required", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AzureTargetWithoutLogAnalyticsWorkspace_Exits2NamingTheSetting()
    {
        var (exit, stdout, stderr) = await InvokeAsync("--target", "azure", "--Release:Targets:0:App=shop", $"--Release:Targets:0:SiteResourceId={Site}");

        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains("LogAnalytics:WorkspaceId", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AzureTargetWithBadArmEndpoint_Exits2NamingTheSetting()
    {
        var (exit, _, stderr) = await InvokeAsync("--target", "azure", "--Release:Targets:0:App=shop", $"--Release:Targets:0:SiteResourceId={Site}",
            "--AppService:ArmEndpoint=http://management.azure.com");

        Assert.Equal(2, exit);
        Assert.Contains("AppService:ArmEndpoint", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--health", "5")]
    [InlineData("--Release:TelemetryDelayMinutes", "0")]
    [InlineData("extra")]
    public async Task Serve_ArgumentThatIsNeitherAnOptionNorASetting_Exits2(params string[] args)
    {
        var (exit, stdout, stderr) = await InvokeAsync(args);

        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains($"unrecognized argument '{args[0]}'", stderr, StringComparison.Ordinal);
    }
}
