using System.CommandLine;

namespace DevOpsFeedback.Cli.Commands;

public class BenchJudgeCommandTests
{
    [Fact]
    public void BenchJudge_SmallRun_PrintsOneRowPerJudgeAndTheTimings()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = BenchJudgeCommand.Create().Parse(["judge", "--releases", "40", "--backtests", "5"]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        var text = output.ToString();
        Assert.Equal((0, ""), (exit, error.ToString()));
        foreach (var judge in new[] { "statistical", "static alarm", "argo-style", "kayenta-style", "oracle", "dfb ÷ oracle" })
            Assert.Contains("\n" + judge, text, StringComparison.Ordinal);
        Assert.Contains("one analysis over 24 h of two versions", text, StringComparison.Ordinal);
        Assert.Contains("5 backtests", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchJudge_TooFewReleases_IsRejected()
    {
        var error = new StringWriter();
        var exit = BenchJudgeCommand.Create().Parse(["judge", "--releases", "3"]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.NotEqual(0, exit);
        Assert.Contains("--releases: must be ≥ 20", error.ToString(), StringComparison.Ordinal);
    }
}
