namespace DevOpsFeedback.Cli.Serve;

/// <summary>How <c>dfb serve</c> runs: where it listens, where it keeps its data, which store and target.</summary>
/// <param name="Urls">Listen address (loopback by default).</param>
/// <param name="DataDirectory">Folder of the SQLite file and the API key.</param>
/// <param name="Store">"sqlite" (embedded default) or "tables" (Azure Table storage / Azurite).</param>
/// <param name="Connection">Table storage connection string when <see cref="Store"/> is "tables".</param>
/// <param name="Target"><see cref="SimulatedTarget"/> (simulated App Service and traffic) or <see cref="AzureTarget"/> (the Azure adapters).</param>
/// <param name="HealthCheckInterval">How often production is checked between releases.</param>
public sealed record ServeSettings(
    string Urls = "http://127.0.0.1:7071",
    string DataDirectory = ".dfb",
    string Store = "sqlite",
    string? Connection = null,
    string Target = ServeSettings.SimulatedTarget,
    TimeSpan? HealthCheckInterval = null)
{
    /// <summary>The embedded default: a simulated App Service with simulated traffic and source control.</summary>
    public const string SimulatedTarget = "simulated";

    /// <summary>Real apps: ARM slots and swaps, Log Analytics or platform metrics, GitHub, configured like the Functions app.</summary>
    public const string AzureTarget = "azure";

    /// <summary>The longest period a timer takes (uint.MaxValue - 1 ms, about 49.7 days); a longer one would stop the host.</summary>
    public static readonly TimeSpan MaxHealthInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public TimeSpan HealthInterval => HealthCheckInterval ?? TimeSpan.FromMinutes(5);
}
