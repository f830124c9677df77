using DevOpsFeedback.Azure.Hosting;
using System.CommandLine;
using System.Text.RegularExpressions;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// <c>dfb serve</c>: the HTTP API and release runner on this machine. Settings beyond the options (the <c>Release</c>,
/// <c>AppService</c>, <c>LogAnalytics</c>, <c>GitHub</c>, <c>Notifications</c>... sections) come from environment variables
/// (<c>Section__Key</c>), an <c>appsettings.json</c> in the working folder, or arguments <c>--Section:Key=value</c>.
/// </summary>
public static partial class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var data = new Option<string>("--data") { Description = "Folder for the SQLite store and the API key", DefaultValueFactory = _ => ".dfb" };
        var store = new Option<string>("--store") { Description = "sqlite (embedded default) or tables", DefaultValueFactory = _ => "sqlite" };
        store.AcceptOnlyFromAmong("sqlite", "tables");
        var connection = new Option<string?>("--connection") { Description = "Table storage connection string (with --store tables), e.g. UseDevelopmentStorage=true" };
        var target = new Option<string>("--target")
        {
            Description = "simulated (App Service and traffic, the default) or azure (ARM, Log Analytics or metrics, GitHub; settings as in the Functions app)",
            DefaultValueFactory = _ => ServeSettings.SimulatedTarget,
        };
        var health = new Option<int>("--health-minutes") { Description = "Minutes between production health checks", DefaultValueFactory = _ => 5 };
        var command = new Command("serve", "Serve the release API locally (same routes as the Azure Functions host)") { urls, data, store, connection, target, health };
        command.TreatUnmatchedTokensAsErrors = false; // --Section:Key=value settings go to the host's configuration; anything else is refused below
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.UnmatchedTokens.FirstOrDefault(t => !SettingArgument().IsMatch(t)) is { } unknown)
            {
                await error.WriteLineAsync($"dfb serve: unrecognized argument '{unknown}' (settings are given as --Section:Key=value)");
                return 2;
            }

            var targetName = parse.GetValue(target) switch
            {
                ServeSettings.SimulatedTarget or "sim" => ServeSettings.SimulatedTarget,
                ServeSettings.AzureTarget => ServeSettings.AzureTarget,
                _ => null,
            };
            if (targetName is null)
            {
                await error.WriteLineAsync($"dfb serve: --target must be {ServeSettings.SimulatedTarget} or {ServeSettings.AzureTarget}, not '{parse.GetValue(target)}'");
                return 2;
            }

            if (parse.GetValue(store) == "tables" && string.IsNullOrWhiteSpace(parse.GetValue(connection)))
            {
                await error.WriteLineAsync("dfb serve: --connection is required with --store tables (e.g. UseDevelopmentStorage=true)");
                return 2;
            }

            if (parse.GetValue(health) < 1 || TimeSpan.FromMinutes(parse.GetValue(health)) > ServeSettings.MaxHealthInterval)
            {
                await error.WriteLineAsync($"dfb serve: --health-minutes must be from 1 to {ServeSettings.MaxHealthInterval.TotalMinutes:F0}");
                return 2;
            }

            var settings = new ServeSettings(parse.GetValue(urls)!, parse.GetValue(data)!, parse.GetValue(store)!, parse.GetValue(connection),
                targetName, TimeSpan.FromMinutes(parse.GetValue(health)));
            WebApplication app;
            try
            {
                app = ServeHost.Build(settings, [.. parse.UnmatchedTokens]);
            }
            catch (ServeConfigurationException ex)
            {
                await error.WriteLineAsync($"dfb serve: {ex.Message}");
                return 2;
            }
            catch (InvalidSettingsException ex)
            {
                // Settings validated while the host is built (notifications, feedback, planning digest) name their key.
                await error.WriteLineAsync($"dfb serve: {ex.Message}");
                return 2;
            }

            var (key, created) = ApiKey.LoadOrCreate(settings.DataDirectory);
            var stores = app.Services.GetRequiredService<ServeStores>();
            var apps = app.Services.GetRequiredService<ServeTargetApps>();
            await output.WriteLineAsync($"dfb serve on {settings.Urls} — store: {stores.Description}; target: {apps.Description} ({string.Join(", ", apps.Names)})");
            await output.WriteLineAsync(created ? $"API key (new, saved in {Path.Combine(settings.DataDirectory, "api-key")}): {key.Value}" : $"API key: {key.Value}");
            if (targetName == ServeSettings.SimulatedTarget)
            {
                await output.WriteLineAsync($"Try: curl -s -H '{ApiKey.Header}: {key.Value}' -d @samples/release.json {settings.Urls}/api/releases");
            }

            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>A configuration argument as the host reads it: <c>--Section:Key=value</c> (the key has at least one ':').</summary>
    [GeneratedRegex(@"^--[A-Za-z0-9_.\-]+(:[A-Za-z0-9_.*\-]+)+=", RegexOptions.CultureInvariant)]
    private static partial Regex SettingArgument();
}
