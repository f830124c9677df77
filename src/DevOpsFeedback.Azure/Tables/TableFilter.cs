using System.Globalization;
using System.Text;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions in which every value is a typed, escaped literal, so no input can
/// change the expression: <c>TableFilter.Format($"PartitionKey eq {pk} and Count gt {n}")</c>.
/// The template (property names, operators) is code; only the holes are data.
/// </summary>
public static class TableFilter
{
    /// <summary>Formats <paramref name="filter"/>, turning each argument into a literal.</summary>
    public static string Format(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var args = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, args);
    }

    /// <summary>An OData literal for a value: strings quoted with <c>'</c> doubled, <c>123L</c>, <c>datetime'..'</c>, ...</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("a filter value is null; Table storage has no null literal (test for absence in code)", nameof(value)),
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => DoubleLiteral(d),
        double => throw new ArgumentException("a filter value is NaN or infinite", nameof(value)),
        DateTimeOffset t => "datetime'" + new TableDateTime(t).ToWire() + "'",
        DateTime t when t.Kind == DateTimeKind.Utc => "datetime'" + new TableDateTime(new DateTimeOffset(t)).ToWire() + "'",
        DateTime => throw new ArgumentException("a DateTime filter value must be UTC (use DateTimeOffset)", nameof(value)),
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        _ => throw new ArgumentException($"a filter value of type {value.GetType().Name} has no OData literal", nameof(value)),
    };

    /// <summary><c>(left) and (right)</c>; a null side is dropped.</summary>
    public static string? And(string? left, string? right) =>
        left is null ? right : right is null ? left : $"({left}) and ({right})";

    /// <summary>Key range on <c>PartitionKey</c> equality and <c>RowKey</c> in [from, to); nulls are open ends.</summary>
    public static string? KeyRange(string? partitionKey, string? rowKeyFrom, string? rowKeyTo)
    {
        var parts = new List<string>(3);
        if (partitionKey is not null) parts.Add(Format($"PartitionKey eq {partitionKey}"));
        if (rowKeyFrom is not null) parts.Add(Format($"RowKey ge {rowKeyFrom}"));
        if (rowKeyTo is not null) parts.Add(Format($"RowKey lt {rowKeyTo}"));
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('\'');
        foreach (var c in s)
        {
            sb.Append(c);
            if (c == '\'') sb.Append('\'');
        }

        return sb.Append('\'').ToString();
    }

    private static string DoubleLiteral(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
