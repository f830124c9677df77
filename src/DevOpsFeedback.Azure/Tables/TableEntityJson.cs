using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>Entity bodies in the JSON payload format (writes annotate non-inferable types; reads use minimalmetadata).</summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity, bool includeKeys)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (includeKeys)
            {
                writer.WriteString("PartitionKey", entity.PartitionKey);
                writer.WriteString("RowKey", entity.RowKey);
            }

            foreach (var (name, value) in entity.Properties)
            {
                RequireValidPropertyName(name);
                if (value.EdmType is { } edm) writer.WriteString(name + TypeSuffix, edm);
                switch (value)
                {
                    case TableString s: writer.WriteString(name, s.Value); break;
                    case TableInt32 i: writer.WriteNumber(name, i.Value); break;
                    case TableInt64 l: writer.WriteString(name, l.Value.ToString(CultureInfo.InvariantCulture)); break;
                    case TableBoolean b: writer.WriteBoolean(name, b.Value); break;
                    case TableDouble d when double.IsFinite(d.Value): writer.WriteNumber(name, d.Value); break;
                    case TableDouble d: writer.WriteString(name, double.IsNaN(d.Value) ? "NaN" : d.Value > 0 ? "Infinity" : "-Infinity"); break;
                    case TableDateTime t: writer.WriteString(name, t.ToWire()); break;
                    case TableGuid g: writer.WriteString(name, g.Value.ToString("D")); break;
                    case TableBinary bin: writer.WriteBase64String(name, bin.Value); break;
                    default: throw new ArgumentException($"property '{name}' has unsupported type {value.GetType().Name}", nameof(entity));
                }
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static TableEntity Parse(JsonElement element, string? etagHeader)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"a Table storage entity must be a JSON object, got {element.ValueKind}");
        }

        string? pk = null, rk = null, etag = etagHeader;
        DateTimeOffset? timestamp = null;
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            if (p.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String)
            {
                types[p.Name[..^TypeSuffix.Length]] = p.Value.GetString()!;
            }
        }

        var props = ImmutableDictionary.CreateBuilder<string, TableValue>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            if (p.Name.EndsWith(TypeSuffix, StringComparison.Ordinal)) continue;
            if (p.Name == "odata.etag") { etag ??= p.Value.GetString(); continue; }
            if (p.Name.StartsWith("odata.", StringComparison.Ordinal)) continue;
            switch (p.Name)
            {
                case "PartitionKey": pk = p.Value.GetString(); continue;
                case "RowKey": rk = p.Value.GetString(); continue;
                case "Timestamp": timestamp = ParseDate(p.Value, "Timestamp"); continue;
            }

            props[p.Name] = ParseValue(p.Name, p.Value, types.GetValueOrDefault(p.Name));
        }

        return new TableEntity(
            pk ?? throw new InvalidDataException("a Table storage entity has no PartitionKey (was it read with $select?)"),
            rk ?? throw new InvalidDataException("a Table storage entity has no RowKey (was it read with $select?)"),
            props.ToImmutable())
        {
            ETag = etag,
            Timestamp = timestamp,
        };
    }

    private static TableValue ParseValue(string name, JsonElement value, string? edm)
    {
        try
        {
            return (edm, value.ValueKind) switch
            {
                ("Edm.Int64", JsonValueKind.String) => new TableInt64(long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
                ("Edm.DateTime", JsonValueKind.String) => new TableDateTime(ParseDate(value, name)),
                ("Edm.Guid", JsonValueKind.String) => new TableGuid(Guid.Parse(value.GetString()!)),
                ("Edm.Binary", JsonValueKind.String) => new TableBinary(value.GetBytesFromBase64()),
                ("Edm.Double", JsonValueKind.String) => new TableDouble(value.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    var s => double.Parse(s!, CultureInfo.InvariantCulture),
                }),
                ("Edm.Double", JsonValueKind.Number) => new TableDouble(value.GetDouble()),
                (null or "Edm.String", JsonValueKind.String) => new TableString(value.GetString()!),
                (null or "Edm.Int32", JsonValueKind.Number) when IsIntegral(value) && value.TryGetInt32(out var i) => new TableInt32(i),
                (null, JsonValueKind.Number) => new TableDouble(value.GetDouble()),
                (null or "Edm.Boolean", JsonValueKind.True) => new TableBoolean(true),
                (null or "Edm.Boolean", JsonValueKind.False) => new TableBoolean(false),
                _ => throw new InvalidDataException($"property '{name}' has type {edm ?? "(none)"} and JSON {value.ValueKind}, which do not match"),
            };
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"property '{name}' of type {edm} has a malformed value", e);
        }
        catch (OverflowException e)
        {
            throw new InvalidDataException($"property '{name}' of type {edm} is out of range", e);
        }
    }

    private static bool IsIntegral(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0;
    }

    private static DateTimeOffset ParseDate(JsonElement value, string name) =>
        DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new InvalidDataException($"property '{name}' is not an ISO 8601 date-time: '{value}'");

    private static void RequireValidPropertyName(string name)
    {
        if (name.Length is 0 or > 255 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_')
            || name is "PartitionKey" or "RowKey" or "Timestamp")
        {
            throw new ArgumentException($"'{name}' is not a valid entity property name (letters, digits, _; up to 255; not a system property)", nameof(name));
        }
    }
}
