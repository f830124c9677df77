namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// A parsed storage connection string: the table service root and the shared key.
/// Accepts <c>UseDevelopmentStorage=true</c> (Azurite's well-known account), and
/// <c>AccountName=..;AccountKey=..</c> with <c>TableEndpoint=..</c> or <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>.
/// </summary>
public sealed record TableConnectionString(Uri ServiceUri, string AccountName, byte[] AccountKey)
{
    /// <summary>Azurite's development account: public, the same in every install.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> naming the missing or bad field.</summary>
    public static TableConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("the Table storage connection string is empty");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"connection string segment '{Redact(part)}' is not Name=Value");
            }

            var name = part[..eq].Trim();
            if (!fields.TryAdd(name, part[(eq + 1)..].Trim()))
            {
                throw new FormatException($"connection string field '{name}' appears twice");
            }
        }

        if (fields.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"connection string field 'UseDevelopmentStorage' must be 'true', not '{dev}'");
            }

            var proxy = fields.TryGetValue("DevelopmentStorageProxyUri", out var p) ? ParseUri(p, "DevelopmentStorageProxyUri") : new Uri("http://127.0.0.1");
            var devUri = new UriBuilder(proxy) { Port = 10002, Path = "/" + DevelopmentAccountName }.Uri;
            return new TableConnectionString(devUri, DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey));
        }

        if (!fields.TryGetValue("AccountName", out var account) || account.Length == 0)
        {
            throw new FormatException("connection string field 'AccountName' is missing");
        }

        if (!fields.TryGetValue("AccountKey", out var keyText) || keyText.Length == 0)
        {
            throw new FormatException("connection string field 'AccountKey' is missing (SAS connection strings are not supported)");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException e)
        {
            throw new FormatException("connection string field 'AccountKey' is not base64", e);
        }

        Uri serviceUri;
        if (fields.TryGetValue("TableEndpoint", out var endpoint))
        {
            serviceUri = ParseUri(endpoint, "TableEndpoint");
        }
        else
        {
            var protocol = fields.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            if (protocol is not ("http" or "https"))
            {
                throw new FormatException($"connection string field 'DefaultEndpointsProtocol' must be http or https, not '{protocol}'");
            }

            var suffix = fields.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            serviceUri = ParseUri($"{protocol}://{account}.table.{suffix}", "EndpointSuffix");
        }

        return new TableConnectionString(serviceUri, account, key);
    }

    private static Uri ParseUri(string text, string field)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"connection string field '{field}' is not an absolute http(s) URI: '{text}'");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    private static string Redact(string part) => part.Length > 12 ? part[..12] + "..." : part;
}
