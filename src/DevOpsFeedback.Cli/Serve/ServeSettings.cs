namespace DevOpsFeedback.Cli.Serve;

/// <summary>How <c>dfb serve</c> runs: where it listens, where it keeps its data, which store and target.</summary>
/// <param name="Urls">Listen address (loopback by default).</param>
/// <param name="DataDirectory">Folder of the SQLite file and the API key.</param>
/// <param name="Store">"sqlite" (embedded default) or "tables" (Azure Table storage / Azurite).</param>
/// <param name="Connection">Table storage connection string when <see cref="Store"/> is "tables".</param>
/// <param name="Target">"sim" (simulated App Service and traffic) or "azure".</param>
/// <param name="HealthCheckInterval">How often production is checked between releases.</param>
public sealed record ServeSettings(
    string Urls = "http://127.0.0.1:7071",
    string DataDirectory = ".dfb",
    string Store = "sqlite",
    string? Connection = null,
    string Target = "sim",
    TimeSpan? HealthCheckInterval = null)
{
    /// <summary>The longest period a timer takes (uint.MaxValue - 1 ms, about 49.7 days); a longer one would stop the host.</summary>
    public static readonly TimeSpan MaxHealthInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public TimeSpan HealthInterval => HealthCheckInterval ?? TimeSpan.FromMinutes(5);
}
