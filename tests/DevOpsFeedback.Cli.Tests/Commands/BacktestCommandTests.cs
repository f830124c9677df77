using System.CommandLine;
using System.Text.Json;

namespace DevOpsFeedback.Cli.Commands;

public sealed class BacktestCommandTests : IDisposable
{
    private const string Header = "time,version,requests,failures,le_25,le_50,le_100,le_250,le_500,le_1000,le_2500,le_5000,le_10000";
    private static readonly DateTimeOffset Swap = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dfb-backtest-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (int Exit, string Out, string Err) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = BacktestCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>60 minutes of baseline before the swap and 60 of candidate after, at 1,000 requests a minute.</summary>
    private static string Csv(double candidateErrorRate)
    {
        var lines = new List<string> { Header };
        for (var m = -60; m < 60; m++)
        {
            var version = m < 0 ? "1.4.2" : "1.5.0";
            var failures = m < 0 ? 2 : (int)(1000 * candidateErrorRate);
            lines.Add($"{Swap.AddMinutes(m):yyyy-MM-ddTHH:mm:ssZ},{version},1000,{failures},100,300,600,900,980,995,999,1000,1000");
        }

        return string.Join('\n', lines) + "\n";
    }

    private const string Release = """
        { "app": "contoso-web", "baselineVersion": "1.4.2", "candidateVersion": "1.5.0", "mode": "blue-green", "swapAt": "2026-11-20T10:00:00Z" }
        """;

    [Fact]
    public void Backtest_BadRelease_RollsBackWithJsonOnStdout()
    {
        var (exit, stdout, stderr) = Invoke("--telemetry", Write("t.csv", Csv(0.03)), "--release", Write("r.json", Release), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("rollback", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("2026-11-20T10:02:00Z", json.RootElement.GetProperty("decidedAt").GetString());
        Assert.StartsWith("bake analysis 2 failed: error rate 3% vs 0.2%, p < 1e-6, 2 analyses in a row", json.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, json.RootElement.GetProperty("analyses").GetArrayLength());
    }

    [Fact]
    public void Backtest_HealthyRelease_PromotesAtTheEndOfTheBake()
    {
        var (exit, stdout, _) = Invoke("--telemetry", Write("t.csv", Csv(0.002)), "--release", Write("r.json", Release));
        Assert.Equal(0, exit);
        Assert.Contains("decision: promote at 2026-11-20T11:00:00Z", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_PolicyFile_IsApplied()
    {
        var policy = Write("p.json", """{ "bakeMinutes": 10 }""");
        var (exit, stdout, _) = Invoke("--telemetry", Write("t.csv", Csv(0.002)), "--release", Write("r.json", Release), "--policy", policy, "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"decidedAt\": \"2026-11-20T10:10:00Z\"", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("time,version,requests\n2026-11-20T10:00:00Z,1.5.0,10\n", "t.csv:1: missing column 'failures'")]
    [InlineData("time,version,requests,failures\n2026-11-20T10:00:00Z,1.5.0,ten,0\n", "t.csv:2:3: column 'requests': 'ten' is not a whole number")]
    [InlineData("time,version,requests,failures\n2026-11-20T09:00:00Z,1.4.2,10,0\n2026-11-20T10:00:00Z,1.6.0,10,0\n", "t.csv:3:2: column 'version': unknown version '1.6.0'")]
    [InlineData("", "t.csv:1: empty file")]
    public void Backtest_BadTelemetry_Exits2WithLocationAndNothingOnStdout(string csv, string expected)
    {
        var (exit, stdout, stderr) = Invoke("--telemetry", Write("t.csv", csv), "--release", Write("r.json", Release), "--format", "json");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_InvalidPolicy_Exits2NamingTheField()
    {
        var (exit, stdout, stderr) = Invoke("--telemetry", Write("t.csv", Csv(0.002)), "--release", Write("r.json", Release), "--policy", Write("p.json", """{"judge":{"minRequests":0}}"""));
        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains("p.json: judge.minRequests: must be ≥ 1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_MissingFile_Exits2()
    {
        var (exit, stdout, stderr) = Invoke("--telemetry", Path.Combine(_dir.FullName, "none.csv"), "--release", Write("r.json", Release));
        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains("none.csv: cannot read", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_Dir_WritesOneJsonLinePerRelease()
    {
        Write("good.csv", Csv(0.002));
        Write("good.release.json", Release);
        Write("bad.csv", Csv(0.05));
        Write("bad.release.json", Release);
        var (exit, stdout, stderr) = Invoke("--dir", _dir.FullName);
        Assert.Equal((0, ""), (exit, stderr));
        Assert.Equal(
            """{"name":"bad","decision":"rollback","decidedAt":"2026-11-20T10:02:00Z"}""" + "\n" +
            """{"name":"good","decision":"promote","decidedAt":"2026-11-20T11:00:00Z"}""" + "\n", stdout);
    }

    [Fact]
    public void Backtest_DirWithABadFile_Exits2AndPrintsNothing()
    {
        Write("good.csv", Csv(0.002));
        Write("good.release.json", Release);
        Write("worse.csv", "time,version,requests,failures\n2026-11-20T10:00:00Z,1.5.0,5,x\n");
        Write("worse.release.json", Release);
        var (exit, stdout, stderr) = Invoke("--dir", _dir.FullName);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains("worse.csv:2:4: column 'failures'", stderr, StringComparison.Ordinal);
    }
}
