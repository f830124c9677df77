using System.Security.Cryptography;
using System.Text;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// Encodes any string into a valid PartitionKey/RowKey, reversibly and order-preserving.
/// Table storage forbids <c>/ \ # ?</c>, U+0000-U+001F and U+007F-U+009F in keys and limits them to 1 KiB;
/// <c>%</c> is escaped too because proxies and the service treat it unevenly.
/// Each forbidden character belongs to a group of consecutive characters led by an allowed one
/// (e.g. <c>.</c> and <c>/</c>); every member of a group is written as the lead plus a rank digit
/// (<c>.</c> → <c>.0</c>, <c>/</c> → <c>.1</c>), so ordinal order of encoded keys follows the order of the originals.
/// A key whose encoding is longer than the service allows is shortened to a prefix plus <c>~~</c> and a SHA-256
/// of the original: still unique, ordered by its prefix, but not decodable; stores keep the original in a property.
/// </summary>
public static class TableKey
{
    /// <summary>Largest encoded key in UTF-16 code units (Azurite's count) ...</summary>
    public const int MaxChars = 512;

    /// <summary>... and in UTF-8 bytes (Azure's "1 KiB").</summary>
    public const int MaxUtf8Bytes = 1024;

    private const string HashMarker = "~~";
    private const int HashedPrefixChars = 440;
    private const string Ranks = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    // (lead, first, last): the characters first..last are written as lead + Ranks[c - first].
    private static readonly (char Lead, char First, char Last)[] Groups =
    [
        (' ', '\u0000', ' '),
        ('"', '"', '#'),
        ('$', '$', '%'),
        ('.', '.', '/'),
        ('>', '>', '?'),
        ('[', '[', '\\'),
        ('~', '~', '\u009f'),
    ];

    /// <summary>True when Table storage accepts the string as a key as it is.</summary>
    public static bool IsValidRaw(string key) =>
        key.Length <= MaxChars
        && !key.Any(IsForbidden)
        && Encoding.UTF8.GetByteCount(key) <= MaxUtf8Bytes;

    /// <summary>True for the characters the service rejects in keys.</summary>
    public static bool IsForbidden(char c) => c is <= '\u001f' or (>= '\u007f' and <= '\u009f') or '/' or '\\' or '#' or '?';

    /// <summary>Encodes <paramref name="key"/>; the result is always a valid key.</summary>
    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sb = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            var group = FindGroup(c);
            if (group is { } g)
            {
                sb.Append(g.Lead).Append(Ranks[c - g.First]);
            }
            else
            {
                sb.Append(c);
            }
        }

        var encoded = sb.ToString();
        if (encoded.Length <= MaxChars && Encoding.UTF8.GetByteCount(encoded) <= MaxUtf8Bytes)
        {
            return encoded;
        }

        var cut = Math.Min(HashedPrefixChars, encoded.Length);
        while (cut > 0 && (char.IsHighSurrogate(encoded[cut - 1]) || Encoding.UTF8.GetByteCount(encoded.AsSpan(0, cut)) > MaxUtf8Bytes - 66))
        {
            cut--;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return string.Concat(encoded.AsSpan(0, cut), HashMarker, hash);
    }

    /// <summary>True when <paramref name="encoded"/> is a shortened (hashed) key that cannot be decoded.</summary>
    public static bool IsHashed(string encoded) => encoded.Contains(HashMarker, StringComparison.Ordinal);

    /// <summary>Decodes an <see cref="Encode"/> result; false for hashed or malformed keys.</summary>
    public static bool TryDecode(string encoded, out string key)
    {
        key = string.Empty;
        if (IsHashed(encoded)) return false;
        var sb = new StringBuilder(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            var group = LeadGroup(c);
            if (group is { } g)
            {
                if (i + 1 >= encoded.Length) return false;
                var rank = Ranks.IndexOf(encoded[++i], StringComparison.Ordinal);
                if (rank < 0 || g.First + rank > g.Last) return false;
                sb.Append((char)(g.First + rank));
            }
            else
            {
                if (FindGroup(c) is not null) return false;
                sb.Append(c);
            }
        }

        key = sb.ToString();
        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="field"/> when the service would reject the key.</summary>
    public static void RequireValid(string? key, string field)
    {
        ArgumentNullException.ThrowIfNull(key, field);
        var bad = key.FirstOrDefault(IsForbidden);
        if (key.Any(IsForbidden))
        {
            throw new ArgumentException($"{field} contains U+{(int)bad:X4}, which Table storage forbids in keys; encode it with {nameof(TableKey)}.{nameof(Encode)}", field);
        }

        if (key.Length > MaxChars || Encoding.UTF8.GetByteCount(key) > MaxUtf8Bytes)
        {
            throw new ArgumentException($"{field} is longer than Table storage allows ({MaxChars} characters / {MaxUtf8Bytes} UTF-8 bytes); encode it with {nameof(TableKey)}.{nameof(Encode)}", field);
        }
    }

    private static (char Lead, char First, char Last)? FindGroup(char c)
    {
        foreach (var g in Groups)
        {
            if (c >= g.First && c <= g.Last) return g;
        }

        return null;
    }

    private static (char Lead, char First, char Last)? LeadGroup(char c)
    {
        foreach (var g in Groups)
        {
            if (c == g.Lead) return g;
        }

        return null;
    }
}
