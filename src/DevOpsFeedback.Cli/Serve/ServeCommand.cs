using System.CommandLine;

namespace DevOpsFeedback.Cli.Serve;

/// <summary><c>dfb serve</c>: the HTTP API and release runner on this machine.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var data = new Option<string>("--data") { Description = "Folder for the SQLite store and the API key", DefaultValueFactory = _ => ".dfb" };
        var store = new Option<string>("--store") { Description = "sqlite (embedded default) or tables", DefaultValueFactory = _ => "sqlite" };
        store.AcceptOnlyFromAmong("sqlite", "tables");
        var connection = new Option<string?>("--connection") { Description = "Table storage connection string (with --store tables), e.g. UseDevelopmentStorage=true" };
        var target = new Option<string>("--target") { Description = "sim (simulated App Service and traffic)", DefaultValueFactory = _ => "sim" };
        target.AcceptOnlyFromAmong("sim");
        var health = new Option<int>("--health-minutes") { Description = "Minutes between production health checks", DefaultValueFactory = _ => 5 };
        var command = new Command("serve", "Serve the release API locally (same routes as the Azure Functions host)") { urls, data, store, connection, target, health };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(store) == "tables" && string.IsNullOrWhiteSpace(parse.GetValue(connection)))
            {
                await Console.Error.WriteLineAsync("dfb serve: --connection is required with --store tables (e.g. UseDevelopmentStorage=true)");
                return 2;
            }

            if (parse.GetValue(health) < 1 || TimeSpan.FromMinutes(parse.GetValue(health)) > ServeSettings.MaxHealthInterval)
            {
                await Console.Error.WriteLineAsync($"dfb serve: --health-minutes must be from 1 to {ServeSettings.MaxHealthInterval.TotalMinutes:F0}");
                return 2;
            }

            var settings = new ServeSettings(parse.GetValue(urls)!, parse.GetValue(data)!, parse.GetValue(store)!, parse.GetValue(connection),
                parse.GetValue(target)!, TimeSpan.FromMinutes(parse.GetValue(health)));
            var app = ServeHost.Build(settings, []);
            var (key, created) = ApiKey.LoadOrCreate(settings.DataDirectory);
            var stores = app.Services.GetRequiredService<ServeStores>();
            Console.WriteLine($"dfb serve on {settings.Urls} — store: {stores.Description}; target: simulated App Service ({ServeHost.DemoApp})");
            Console.WriteLine(created ? $"API key (new, saved in {Path.Combine(settings.DataDirectory, "api-key")}): {key.Value}" : $"API key: {key.Value}");
            Console.WriteLine($"Try: curl -s -H '{ApiKey.Header}: {key.Value}' -d @samples/release.json {settings.Urls}/api/releases");
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
