using System.Security.Cryptography;
using System.Text;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Turns a user reference into HMAC-SHA256(salt, userRef) as lower-case hex: the same user gives the same hash
/// under one salt (so distinct users can be counted) and the clear reference is never stored.
/// </summary>
public static class UserRefHasher
{
    public const int MinSaltBytes = 16;

    public static string Hash(string userRef, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(userRef);
        if (salt.Length < MinSaltBytes)
        {
            throw new ArgumentException($"the salt must hold at least {MinSaltBytes} bytes", nameof(salt));
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(userRef), mac);
        return Convert.ToHexStringLower(mac);
    }
}
