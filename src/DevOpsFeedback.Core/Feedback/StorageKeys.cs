using System.Globalization;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Document keys that sort by time: a fixed-width UTC stamp (<c>yyyyMMddTHHmmssfffffffZ</c>) then the id.
/// Ids and partitions reaching these keys are validated ids (<c>[A-Za-z0-9._-]</c>), so keys hold no character a
/// store forbids and ordinal order is time order.
/// </summary>
public static class StorageKeys
{
    private const string StampFormat = "yyyyMMdd'T'HHmmssfffffff'Z'";

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);

    public static string TimeKey(DateTimeOffset at, string id)
    {
        if (!FieldRules.IsId(id)) throw new ArgumentException("id must match [A-Za-z0-9._-]{1,100}", nameof(id));
        return $"{Stamp(at)}_{id}";
    }

    public static string Partition(string value, string name)
    {
        if (!FieldRules.IsId(value)) throw new ArgumentException($"{name} must match [A-Za-z0-9._-]{{1,100}}", name);
        return value;
    }
}
