using System.Security.Cryptography;
using System.Text;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// The local host's API key: generated on first start into the data folder (owner-only), printed once, and then
/// required in the <c>x-functions-key</c> header (or <c>?code=</c>), exactly like an Azure Functions function key.
/// </summary>
public sealed class ApiKey(string value)
{
    public const string Header = "x-functions-key";

    public string Value { get; } = value;

    public static (ApiKey Key, bool Created) LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "api-key");
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32) return (new ApiKey(existing), false);
        }

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (new ApiKey(key), true);
    }

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(Value));
}
