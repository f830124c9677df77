using DevOpsFeedback.Feedback;
using FsCheck;
using FsCheck.Fluent;

namespace DevOpsFeedback.Feedback;

public sealed class PiiMaskerTests
{
    [Theory]
    [InlineData("mail me at jane.doe+test@example.co.uk please", "mail me at [EMAIL] please")]
    [InlineData("JOHN_SMITH@Contoso.COM.", "[EMAIL].")]
    [InlineData("card 4111 1111 1111 1111 failed", "card [CARD] failed")]
    [InlineData("card 4111-1111-1111-1111", "card [CARD]")]
    [InlineData("amex 378282246310005!", "amex [CARD]!")]
    [InlineData("visa13 4222222222222", "visa13 [CARD]")]
    [InlineData("call +1 (555) 123-4567 now", "call [PHONE] now")]
    [InlineData("call 555-123-4567", "call [PHONE]")]
    [InlineData("uk +44 20 7946 0958", "uk [PHONE]")]
    [InlineData("fr 01 23 45 67 89", "fr [PHONE]")]
    [InlineData("(555) 123 4567", "[PHONE]")]
    [InlineData("a@b.io and 555.123.4567 and 5500 0000 0000 0004", "[EMAIL] and [PHONE] and [CARD]")]
    public void Mask_KnownPii_IsReplaced(string text, string expected)
    {
        Assert.Equal(expected, PiiMasker.Mask(text));
    }

    [Theory]
    [InlineData("Export fails on large reports.")]
    [InlineData("Since 1.5.0 the export takes 30 seconds, was 2 in 10.0.14")]
    [InlineData("It broke on 2026-11-22 10:12:30 and again 2026-11-23T08:00Z")]
    [InlineData("server 192.168.100.200 timed out")]
    [InlineData("order 123456789012 and invoice 20261122")]
    [InlineData("not a card: 4111 1111 1111 1112")]
    [InlineData("price 1 000 000 EUR, 12.50 each, 3-4 days")]
    [InlineData("user@ is not an address, nor @home")]
    [InlineData("path /reports/export?id=42&x=1 <b>bold</b> [link](http://x)")]
    [InlineData("Unicode: café — 日本語 ✓ tabs\tand\nlines")]
    [InlineData("call 555 1234")]
    public void Mask_NoPii_LeavesTextUnchanged(string text)
    {
        Assert.Equal(text, PiiMasker.Mask(text));
    }

    [Fact]
    public void Mask_TextAroundPii_KeepsEveryOtherCharacter()
    {
        var text = "  Hi,\tI'm bob@example.org;\n card=4012888888881881 (thanks)  ";
        Assert.Equal("  Hi,\tI'm [EMAIL];\n card=[CARD] (thanks)  ", PiiMasker.Mask(text));
    }

    [Fact]
    public void Mask_TextWithoutDigitsOrAt_IsUnchanged_Property()
    {
        var alphabet = "abcdefghijklmnopqrstuvwxyz ABC.,;:!?-()[]\n\t'\"/".ToCharArray();
        var gen = Gen.ArrayOf(Gen.Elements(alphabet)).Select(cs => new string(cs));
        Prop.ForAll(gen.ToArbitrary(), s => PiiMasker.Mask(s) == s).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Mask_PiiBetweenRandomWords_IsMaskedAndWordsKept_Property()
    {
        string[] pii = ["jane@example.com", "+1 555 123 4567", "4111 1111 1111 1111", "555-123-4567", "5500-0000-0000-0004"];
        string[] tokens = ["[EMAIL]", "[PHONE]", "[CARD]", "[PHONE]", "[CARD]"];
        var words = Gen.ArrayOf(Gen.Elements("export", "fails", "on", "large", "reports", "v1.5.0", "2026-11-22", "ok!")).Select(w => string.Join(' ', w));
        var gen = from before in words
                  from after in words
                  from index in Gen.Choose(0, pii.Length - 1)
                  select (before, after, index);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var text = $"{t.before} {pii[t.index]} {t.after}";
            var masked = PiiMasker.Mask(text);
            return masked == $"{t.before} {tokens[t.index]} {t.after}" && PiiMasker.Mask(masked) == masked;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", false)]
    [InlineData("6011 1111 1111 1117", true)]
    public void IsLuhnValid_CardNumbers_ChecksDigitSumAndLength(string candidate, bool expected)
    {
        Assert.Equal(expected, PiiMasker.IsLuhnValid(candidate));
    }
}
