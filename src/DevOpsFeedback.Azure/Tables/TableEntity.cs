using System.Collections.Immutable;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// An entity as sent and received. Keys are sent as they are (validated, never silently changed):
/// encode user-supplied keys with <see cref="TableKey.Encode"/>.
/// </summary>
public sealed record TableEntity(string PartitionKey, string RowKey, ImmutableDictionary<string, TableValue> Properties)
{
    /// <summary>The entity's ETag when read or written; send it back in If-Match.</summary>
    public string? ETag { get; init; }

    /// <summary>Server-managed last-modified time (ignored on write).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public TableEntity(string partitionKey, string rowKey)
        : this(partitionKey, rowKey, ImmutableDictionary<string, TableValue>.Empty.WithComparers(StringComparer.Ordinal))
    {
    }

    public TableEntity With(string name, TableValue value) => this with { Properties = Properties.SetItem(name, value) };

    public string? GetString(string name) => Properties.GetValueOrDefault(name) switch
    {
        null => null,
        TableString s => s.Value,
        var other => throw new InvalidDataException($"property '{name}' of entity ({PartitionKey}, {RowKey}) is {other.GetType().Name}, not a string"),
    };

    public string RequireString(string name) =>
        GetString(name) ?? throw new InvalidDataException($"entity ({PartitionKey}, {RowKey}) has no string property '{name}'");

    public long RequireInt64(string name) => Properties.GetValueOrDefault(name) switch
    {
        TableInt64 l => l.Value,
        TableInt32 i => i.Value,
        null => throw new InvalidDataException($"entity ({PartitionKey}, {RowKey}) has no property '{name}'"),
        var other => throw new InvalidDataException($"property '{name}' of entity ({PartitionKey}, {RowKey}) is {other.GetType().Name}, not an integer"),
    };

    public bool RequireBoolean(string name) => Properties.GetValueOrDefault(name) switch
    {
        TableBoolean b => b.Value,
        null => throw new InvalidDataException($"entity ({PartitionKey}, {RowKey}) has no property '{name}'"),
        var other => throw new InvalidDataException($"property '{name}' of entity ({PartitionKey}, {RowKey}) is {other.GetType().Name}, not a boolean"),
    };
}
