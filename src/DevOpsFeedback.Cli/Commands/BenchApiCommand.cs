using System.CommandLine;
using DevOpsFeedback.Cli.Benchmark;

namespace DevOpsFeedback.Cli.Commands;

/// <summary>
/// <c>dfb bench api</c>: a burst of concurrent release requests against a real <c>dfb serve</c> on loopback; prints
/// requests/s and p50/p99 latency, and exits 1 unless every request was accepted once and queued per app.
/// </summary>
public static class BenchApiCommand
{
    public static Command Create()
    {
        var requests = new Option<int>("--requests") { Description = "Concurrent POST /api/releases", DefaultValueFactory = _ => 200 };
        var apps = new Option<int>("--apps") { Description = "Apps the requests are spread over", DefaultValueFactory = _ => 50 };
        requests.Validators.Add(r => AtLeastOne(r, "--requests"));
        apps.Validators.Add(r => AtLeastOne(r, "--apps"));
        var command = new Command("api", "Load-check the local host: concurrent release requests, verified and timed") { requests, apps };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await ApiLoadBenchmark.RunAsync(parse.GetValue(requests), parse.GetValue(apps), cancellationToken);
            await parse.InvocationConfiguration.Output.WriteAsync(ApiLoadBenchmark.Format(result));
            return result.Verified ? 0 : 1;
        });
        return command;
    }

    /// <summary>A value that is not an integer is already a parse error; here only the range is checked.</summary>
    private static void AtLeastOne(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var n) && n < 1) result.AddError($"{name}: must be ≥ 1");
    }
}
