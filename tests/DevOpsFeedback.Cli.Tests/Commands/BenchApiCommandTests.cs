using System.CommandLine;
using DevOpsFeedback.Cli.Benchmark;

namespace DevOpsFeedback.Cli.Commands;

public sealed class BenchApiCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { new Command("bench") { BenchApiCommand.Create() } };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["bench", "api", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RunAsync_TenRequestsThreeApps_EveryRequestAcceptedOnceAndQueuedPerApp()
    {
        var result = await ApiLoadBenchmark.RunAsync(10, 3, CancellationToken.None);

        Assert.True(result.Verified, string.Join("; ", result.Failures));
        Assert.Equal((10, 10, 3, 7), (result.Accepted, result.Stored, result.Running, result.Queued));
        Assert.Equal(10, result.Latencies.Count);
    }

    [Fact]
    public async Task Api_SmallBurst_PrintsFiguresAndExitsZero()
    {
        var (code, output, error) = await RunAsync("--requests", "6", "--apps", "2");
        Assert.True(code == 0, output + error);
        Assert.Contains("requests/s:", output, StringComparison.Ordinal);
        Assert.Contains("p99:", output, StringComparison.Ordinal);
        Assert.Contains("accepted 202: 6/6", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--requests", "0")]
    [InlineData("--apps", "0")]
    [InlineData("--apps", "many")]
    public async Task Api_BadOption_FailsNamingIt(string option, string value)
    {
        var (code, _, error) = await RunAsync(option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }
}
