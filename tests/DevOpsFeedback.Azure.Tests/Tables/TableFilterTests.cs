namespace DevOpsFeedback.Azure.Tables;

public sealed class TableFilterTests
{
    public static TheoryData<object, string> Literals() => new()
    {
        { "plain", "'plain'" },
        { "it's", "'it''s'" },
        { "' or 1 eq 1 or ''='", "''' or 1 eq 1 or ''''='''" },
        { 42, "42" },
        { -7L, "-7L" },
        { true, "true" },
        { 2.0, "2.0" },
        { 0.25, "0.25" },
        { new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), "datetime'2026-01-02T01:04:05.0000000Z'" },
        { Guid.Parse("00000000-0000-0000-0000-000000000001"), "guid'00000000-0000-0000-0000-000000000001'" },
        { new byte[] { 1, 171 }, "X'01AB'" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Literal_Value_IsTypedAndEscaped(object value, string expected)
    {
        Assert.Equal(expected, TableFilter.Literal(value));
    }

    [Fact]
    public void Format_HostileString_StaysOneLiteral()
    {
        var pk = "x' or RowKey ne '";

        var filter = TableFilter.Format($"PartitionKey eq {pk} and Count gt {5}");

        Assert.Equal("PartitionKey eq 'x'' or RowKey ne ''' and Count gt 5", filter);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Literal_NonFiniteDouble_Throws(double value)
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(value));
    }

    [Fact]
    public void Literal_NullOrUnsupported_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(null));
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(new object()));
        Assert.Throws<ArgumentException>(() => TableFilter.Literal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)));
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("p", null, null, "PartitionKey eq 'p'")]
    [InlineData("p", "a", "b", "PartitionKey eq 'p' and RowKey ge 'a' and RowKey lt 'b'")]
    [InlineData(null, "a'", null, "RowKey ge 'a'''")]
    public void KeyRange_Bounds_BuildsTheFilter(string? pk, string? from, string? to, string? expected)
    {
        Assert.Equal(expected, TableFilter.KeyRange(pk, from, to));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("a", null, "a")]
    [InlineData(null, "b", "b")]
    [InlineData("a", "b", "(a) and (b)")]
    public void And_Sides_DropsNulls(string? left, string? right, string? expected)
    {
        Assert.Equal(expected, TableFilter.And(left, right));
    }
}
