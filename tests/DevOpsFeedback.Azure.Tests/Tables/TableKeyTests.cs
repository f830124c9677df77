using FsCheck;
using FsCheck.Fluent;

namespace DevOpsFeedback.Azure.Tables;

public sealed class TableKeyTests
{
    // Forbidden characters, the group leads and rank digits next to them, ordinary and non-ASCII characters.
    private static readonly char[] Alphabet =
        ['\u0000', '\u0001', '\t', '\u001f', ' ', '!', '"', '#', '$', '%', '&', '\'', '-', '.', '/', '0', '1', '9', ':',
         '>', '?', '@', 'A', 'Z', '[', '\\', ']', 'a', '~', '\u007f', '\u0085', '\u009f', '\u00a0', 'é', '✓'];

    private static Arbitrary<string> Keys(int maxLength) =>
        Gen.Choose(0, maxLength)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet), n))
            .Select(chars => new string(chars))
            .ToArbitrary();

    [Fact]
    public void Encode_AnyKey_IsAcceptedByTableStorageAndDecodesBack()
    {
        Prop.ForAll(Keys(300), key =>
        {
            var encoded = TableKey.Encode(key);
            return TableKey.IsValidRaw(encoded) && TableKey.TryDecode(encoded, out var decoded) && decoded == key;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Encode_TwoKeys_KeepsTheirOrdinalOrder()
    {
        Prop.ForAll(Keys(12), Keys(12), (a, b) =>
            Math.Sign(string.CompareOrdinal(a, b)) == Math.Sign(string.CompareOrdinal(TableKey.Encode(a), TableKey.Encode(b))))
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("plain-key_1", "plain-key_1")]
    [InlineData("a/b", "a.1b")]
    [InlineData("a.b", "a.0b")]
    [InlineData("#?\\", "\"1>1[1")]
    [InlineData("100%", "100$1")]
    [InlineData("tab\there", "tab 9here")]
    [InlineData("~", "~0")]
    [InlineData("\u007f", "~1")]
    public void Encode_Examples(string key, string expected)
    {
        Assert.Equal(expected, TableKey.Encode(key));
    }

    [Fact]
    public void Encode_TooLongAfterEscaping_ShortensToAValidUniqueHashedKey()
    {
        var a = new string('/', 400) + "a";
        var b = new string('/', 400) + "b";

        var ea = TableKey.Encode(a);
        var eb = TableKey.Encode(b);

        Assert.True(TableKey.IsValidRaw(ea));
        Assert.True(TableKey.IsHashed(ea));
        Assert.NotEqual(ea, eb);
        Assert.False(TableKey.TryDecode(ea, out _));
        Assert.Equal(ea, TableKey.Encode(a));
    }

    [Fact]
    public void Encode_ManyMultiByteCharacters_StaysWithinOneKibibyteOfUtf8()
    {
        var key = new string('✓', 500);

        var encoded = TableKey.Encode(key);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(encoded) <= TableKey.MaxUtf8Bytes);
        Assert.True(TableKey.IsHashed(encoded));
    }

    [Theory]
    [InlineData("a.")]
    [InlineData("a.Z")]
    [InlineData("a/")]
    public void TryDecode_MalformedOrRaw_ReturnsFalse(string encoded)
    {
        Assert.False(TableKey.TryDecode(encoded, out _));
    }

    [Theory]
    [InlineData("ok", true)]
    [InlineData("with space and 'quote'", true)]
    [InlineData("a/b", false)]
    [InlineData("a\u0000", false)]
    [InlineData("a\u009f", false)]
    public void IsValidRaw_Examples(string key, bool valid)
    {
        Assert.Equal(valid, TableKey.IsValidRaw(key));
    }
}
