using System.Security.Cryptography;
using System.Text;

namespace DevOpsFeedback.Api;

/// <summary>
/// The rate-limit partition of a caller: a hash of the key it presented (<c>x-functions-key</c> or <c>?code=</c>),
/// so keys are never held in memory or logs in clear, or "anonymous" without one.
/// </summary>
public static class CallerKey
{
    public const string Anonymous = "anonymous";

    public static string Partition(string? presentedKey) =>
        string.IsNullOrEmpty(presentedKey)
            ? Anonymous
            : "key-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)))[..32];
}
