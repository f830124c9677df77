using System.CommandLine;
using System.Globalization;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Cli.Commands;

/// <summary>
/// <c>dfb plan</c>: plans from a store and prints the Markdown report (or the ranked items as JSON).
/// The store and the delivery signals come from delegates so that the host decides the backend (SQLite by default).
/// </summary>
public static class PlanCommand
{
    /// <param name="openStore">Opens the document store at a path (disposed after use when disposable).</param>
    /// <param name="signals">Deployments and incidents read from that store (release logs and alerts).</param>
    /// <param name="time">The clock (the run time is "now").</param>
    public static Command Create(Func<string, IDocumentStore> openStore, Func<IDocumentStore, IDeliverySignals> signals, TimeProvider time)
    {
        var storeOption = new Option<string>("--store") { Description = "Path of the store", DefaultValueFactory = _ => "dfb.db" };
        var appOption = new Option<string?>("--app") { Description = "Only this app (default: all apps and teams)" };
        var sinceOption = new Option<string?>("--since") { Description = "Start of the period, ISO 8601 (default: 28 days ago)" };
        var saveOption = new Option<bool>("--save") { Description = "Save the planning items (re-runs update, never duplicate)" };
        var formatOption = new Option<string>("--format") { Description = "markdown or json", DefaultValueFactory = _ => "markdown" };
        formatOption.AcceptOnlyFromAmong("markdown", "json");

        var command = new Command("plan", "Print the planning report (DORA, themes, ranked items) from a store");
        command.Options.Add(storeOption);
        command.Options.Add(appOption);
        command.Options.Add(sinceOption);
        command.Options.Add(saveOption);
        command.Options.Add(formatOption);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var now = time.GetUtcNow();
            var app = parse.GetValue(appOption);
            if (app is not null && !IsId(app))
            {
                await error.WriteLineAsync("--app must match [A-Za-z0-9._-]{1,100}");
                return 2;
            }

            var since = now.AddDays(-28);
            if (parse.GetValue(sinceOption) is { } sinceText &&
                !DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
            {
                await error.WriteLineAsync("--since must be an ISO 8601 date or time");
                return 2;
            }

            if (since >= now)
            {
                await error.WriteLineAsync("--since must be in the past");
                return 2;
            }

            var store = openStore(parse.GetValue(storeOption)!);
            try
            {
                var outcome = await new PlanningRun(store, signals(store)).RunAsync(app, since, now, parse.GetValue(saveOption), cancellationToken);
                var text = parse.GetValue(formatOption) == "json"
                    ? FeedbackJson.Serialize(outcome.Items)
                    : PlanningReport.Render(outcome);
                await output.WriteLineAsync(text);
                return 0;
            }
            finally
            {
                if (store is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
                else (store as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    private static bool IsId(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
