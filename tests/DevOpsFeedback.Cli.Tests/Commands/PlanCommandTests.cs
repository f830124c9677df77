using System.CommandLine;
using DevOpsFeedback.Cli.Commands;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Cli.Commands;

public sealed class PlanCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Signals(IReadOnlyList<DeploymentRecord> deployments) : IDeliverySignals
    {
        public Task<IReadOnlyList<DeploymentRecord>> GetDeploymentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DeploymentRecord>>([.. deployments.Where(d => d.DeployedAt >= from && d.DeployedAt < to)]);

        public Task<IReadOnlyList<IncidentRecord>> GetIncidentsAsync(string? app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IncidentRecord>>([]);
    }

    private static async Task<(int Code, string Output, string Error, InMemoryDocumentStore Store)> RunAsync(params string[] args)
    {
        var store = new InMemoryDocumentStore();
        var feedback = Enumerable.Range(0, 25).Select(i => new FeedbackRecord($"f{i:D3}", "web", "1.0.0", false, 2, FeedbackCategory.Bug,
            "Export fails on large reports", $"u{i}", null, Now.AddDays(-3).AddMinutes(i))).ToList();
        await new FeedbackRepository(store).AddAsync(feedback, CancellationToken.None);
        DeploymentRecord[] deployments = [new("web", "rel-9", "1.0.0", Now.AddDays(-5), Now.AddDays(-4), DeploymentOutcome.RolledBack, Now.AddDays(-4).AddMinutes(9), "p95 latency doubled")];
        string? opened = null;
        var command = PlanCommand.Create(path => { opened = path; return store; }, _ => new Signals(deployments), new FixedTime(Now));
        var root = new RootCommand { command };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["plan", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(code != 0 || opened is not null);
        return (code, output.ToString(), error.ToString(), store);
    }

    [Fact]
    public async Task Plan_Default_PrintsMarkdownReport()
    {
        var (code, output, _, store) = await RunAsync("--store", "x.db");
        Assert.Equal(0, code);
        Assert.Contains("# Planning report", output, StringComparison.Ordinal);
        Assert.Contains("Fix forward: web 1\\.0\\.0 rolled back", output, StringComparison.Ordinal);
        Assert.Contains("export", output, StringComparison.Ordinal);
        Assert.Empty(await new PlanningItemRepository(store).ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Plan_SaveAndJson_SavesItemsAndPrintsThem()
    {
        var (code, output, _, store) = await RunAsync("--save", "--format", "json");
        Assert.Equal(0, code);
        var saved = await new PlanningItemRepository(store).ListAsync(null, CancellationToken.None);
        Assert.Equal(2, saved.Length);
        Assert.All(saved, i => Assert.Contains(i.Key, output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--app", "bad app", "--app must match")]
    [InlineData("--since", "yesterday", "--since must be an ISO 8601")]
    [InlineData("--since", "2030-01-01", "--since must be in the past")]
    public async Task Plan_BadOption_ExitCode2NamingTheOption(string option, string value, string message)
    {
        var (code, _, error, _) = await RunAsync(option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
