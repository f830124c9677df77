namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// Where the Table storage stores live and how to reach them. Bound from the <c>Tables</c> section
/// (<c>Tables__ConnectionString</c>, <c>Tables__ServiceUri</c>, ...).
/// Either a connection string (Shared Key Lite, or <c>UseDevelopmentStorage=true</c> for Azurite)
/// or a service URI with a token credential (managed identity) is used.
/// </summary>
public sealed class TableStorageOptions
{
    public const string SectionName = "Tables";

    /// <summary>A storage connection string with an account key, or <c>UseDevelopmentStorage=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service root, e.g. <c>https://account.table.core.windows.net</c>, for bearer-token auth.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Prefix of every table name the stores create (letters and digits, starting with a letter).</summary>
    public string TablePrefix { get; set; } = "dfb";

    /// <summary>Retries of throttled (429) and transient (5xx, timeouts) requests.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Base delay of the exponential back-off; a server's Retry-After wins when longer.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Time-out of one attempt.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasConnectionString == (ServiceUri is not null))
        {
            throw new ArgumentException(
                $"set exactly one of {SectionName}:{nameof(ConnectionString)} (shared key) or {SectionName}:{nameof(ServiceUri)} (managed identity)",
                nameof(ConnectionString));
        }

        if (ServiceUri is not null && (!ServiceUri.IsAbsoluteUri || (ServiceUri.Scheme != Uri.UriSchemeHttps && ServiceUri.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException($"{SectionName}:{nameof(ServiceUri)} must be an absolute http(s) URI, not '{ServiceUri}'", nameof(ServiceUri));
        }

        if (!TableNames.IsValidPrefix(TablePrefix))
        {
            throw new ArgumentException($"{SectionName}:{nameof(TablePrefix)} '{TablePrefix}' must be 1-40 letters or digits starting with a letter", nameof(TablePrefix));
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentException($"{SectionName}:{nameof(MaxRetries)} must be 0-20, not {MaxRetries}", nameof(MaxRetries));
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{nameof(RetryDelay)} must be positive", nameof(RetryDelay));
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{nameof(NetworkTimeout)} must be positive", nameof(NetworkTimeout));
        }
    }
}
