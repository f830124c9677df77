using System.CommandLine;
using DevOpsFeedback.Cli.Commands;

namespace DevOpsFeedback.Cli.Commands;

public sealed class BenchPlanningCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { new Command("bench") { BenchPlanningCommand.Create(TimeProvider.System) } };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["bench", "planning", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Planning_SmallSizes_PrintsOneFigureLinePerSize()
    {
        var (code, output, _) = await RunAsync("--sizes", "2000,4000", "--apps", "5");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("2000 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("4000 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_SameSeed_SameWorkload()
    {
        var now = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var a = PlanningWorkload.Generate(500, 20, 3, 7, now).Input;
        var b = PlanningWorkload.Generate(500, 20, 3, 7, now).Input;
        Assert.Equal(a.Feedback, b.Feedback);
        Assert.Equal(a.Deployments, b.Deployments);
    }

    [Theory]
    [InlineData("--sizes", "10")]
    [InlineData("--sizes", "abc")]
    [InlineData("--apps", "0")]
    public async Task Planning_BadOption_ExitCode2(string option, string value)
    {
        var (code, _, error) = await RunAsync(option, value);
        Assert.Equal(2, code);
        Assert.NotEmpty(error);
    }
}
