using System.Globalization;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>A typed entity property value (the EDM types Table storage knows).</summary>
public abstract record TableValue
{
    private protected TableValue() { }

    /// <summary>The EDM type name written as <c>Prop@odata.type</c>, or null when JSON infers it.</summary>
    public abstract string? EdmType { get; }

    public static implicit operator TableValue(string value) => new TableString(value);

    public static implicit operator TableValue(int value) => new TableInt32(value);

    public static implicit operator TableValue(long value) => new TableInt64(value);

    public static implicit operator TableValue(bool value) => new TableBoolean(value);

    public static implicit operator TableValue(double value) => new TableDouble(value);

    public static implicit operator TableValue(DateTimeOffset value) => new TableDateTime(value);

    public static implicit operator TableValue(Guid value) => new TableGuid(value);

    public static implicit operator TableValue(byte[] value) => new TableBinary(value);

    public static TableValue FromString(string value) => new TableString(value);

    public static TableValue FromInt32(int value) => new TableInt32(value);

    public static TableValue FromInt64(long value) => new TableInt64(value);

    public static TableValue FromBoolean(bool value) => new TableBoolean(value);

    public static TableValue FromDouble(double value) => new TableDouble(value);

    public static TableValue FromDateTimeOffset(DateTimeOffset value) => new TableDateTime(value);

    public static TableValue FromGuid(Guid value) => new TableGuid(value);

    public static TableValue FromByteArray(byte[] value) => new TableBinary(value);
}

public sealed record TableString(string Value) : TableValue
{
    public override string? EdmType => null;
}

public sealed record TableInt32(int Value) : TableValue
{
    public override string? EdmType => null;
}

public sealed record TableInt64(long Value) : TableValue
{
    public override string? EdmType => "Edm.Int64";
}

public sealed record TableBoolean(bool Value) : TableValue
{
    public override string? EdmType => null;
}

public sealed record TableDouble(double Value) : TableValue
{
    public override string? EdmType => "Edm.Double";
}

/// <summary>Stored as UTC (Edm.DateTime keeps no offset).</summary>
public sealed record TableDateTime(DateTimeOffset Value) : TableValue
{
    public override string? EdmType => "Edm.DateTime";

    public string ToWire() => Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

public sealed record TableGuid(Guid Value) : TableValue
{
    public override string? EdmType => "Edm.Guid";
}

public sealed record TableBinary(byte[] Value) : TableValue
{
    public override string? EdmType => "Edm.Binary";

    public bool Equals(TableBinary? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode() => Value.Length;
}
