using System.Text;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// Long text in an entity: Table storage caps a string property at 32K UTF-16 characters, so text is split over
/// <c>{name}0..{name}n</c> with the count in <c>{name}Parts</c>.
/// </summary>
internal static class TableText
{
    public const int PartChars = 32_000;
    public const int MaxParts = 15;

    public static TableEntity Write(TableEntity entity, string name, string text, string field)
    {
        var chunks = new List<string>();
        for (var start = 0; start < text.Length || chunks.Count == 0;)
        {
            var length = Math.Min(PartChars, text.Length - start);
            // Never split a surrogate pair across two properties.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1])) length--;
            chunks.Add(text.Substring(start, length));
            start += length;
            if (chunks.Count > MaxParts)
            {
                throw new ArgumentException($"{field} is {text.Length} characters; the Table storage store holds at most about {PartChars * MaxParts}", field);
            }
        }

        var result = entity.With(name + "Parts", chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            result = result.With(name + i, chunks[i]);
        }

        return result;
    }

    public static string Read(TableEntity entity, string name)
    {
        var parts = entity.RequireInt64(name + "Parts");
        if (parts is < 1 or > MaxParts)
        {
            throw new InvalidDataException($"entity ({entity.PartitionKey}, {entity.RowKey}) says {name}Parts = {parts}");
        }

        var sb = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            sb.Append(entity.RequireString(name + i));
        }

        return sb.ToString();
    }
}
