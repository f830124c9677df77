using System.CommandLine;
using DevOpsFeedback.Api;
using DevOpsFeedback.Cli;
using DevOpsFeedback.Cli.Commands;
using DevOpsFeedback.Cli.Demo;
using DevOpsFeedback.Cli.Serve;
using DevOpsFeedback.Sqlite.Storage;

var bench = new Command("bench", "Measure the judge and planning on generated data (figures, not assertions)")
{
    BenchJudgeCommand.Create().Subcommands.Single(c => c.Name == "judge"),
    BenchPlanningCommand.Create(TimeProvider.System),
    BenchLoopCommand.Create(),
    BenchApiCommand.Create(),
};

var root = new RootCommand("dfb — DevOpsFeedback: release, monitor and feed back into planning for Azure App Service")
{
    DemoCommand.Create(),
    ServeCommand.Create(),
    BacktestCommand.Create(),
    PlanCommand.Create(OpenStore, store => new ReleaseLogDeliverySignals(Stores[store].Releases, store), TimeProvider.System),
    bench,
};

return await CliEntry.RunAsync(root, args, Console.Error);

// `dfb plan --store PATH` reads the SQLite file that `dfb serve` writes (releases, incidents, feedback).
static DevOpsFeedback.Ports.IDocumentStore OpenStore(string path)
{
    var store = SqliteStore.Open(Directory.Exists(path) ? Path.Combine(path, "dfb.db") : path);
    Stores[store.Documents] = store;
    return store.Documents;
}

internal static partial class Program
{
    private static readonly Dictionary<DevOpsFeedback.Ports.IDocumentStore, SqliteStore> Stores = [];
}
