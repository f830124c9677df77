using System.Text.RegularExpressions;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Replaces e-mail addresses with <c>[EMAIL]</c>, card numbers (13–19 digits, Luhn-valid; written as one run, in
/// groups of four, or Amex-style 4-6-5, separated by spaces or dashes) with <c>[CARD]</c> and phone numbers with <c>[PHONE]</c>; every other character is left exactly as it was.
/// A phone number is a run of digit groups separated by spaces, dots or dashes (optionally with a leading
/// <c>+country</c> and an <c>(area)</c>) holding 9–15 digits, or 8–15 after a <c>+</c>. Dates, times, version
/// numbers, IPv4 addresses and unseparated digit runs (order numbers) are deliberately not phone numbers.
/// </summary>
public static partial class PiiMasker
{
    public const string EmailToken = "[EMAIL]";
    public const string PhoneToken = "[PHONE]";
    public const string CardToken = "[CARD]";

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w-])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{4,5})(?!\w)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CardCandidate();

    [GeneratedRegex(@"(?<![\w+:/.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,5}(?![\w:/]|\.\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhoneCandidate();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}|^\d{1,3}(?:\.\d{1,3}){3}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NotAPhone();

    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange('0', '9') && !text.Contains('@', StringComparison.Ordinal)) return text;

        var masked = Email().Replace(text, EmailToken);
        masked = CardCandidate().Replace(masked, m => IsLuhnValid(m.ValueSpan) ? CardToken : m.Value);
        return PhoneCandidate().Replace(masked, m => MaskPhone(m.Value));
    }

    /// <summary>Luhn check over the digits of <paramref name="candidate"/> (separators ignored).</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> candidate)
    {
        var sum = 0;
        var digits = 0;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (c is < '0' or > '9') continue;
            var d = c - '0';
            if (digits % 2 == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }

            sum += d;
            digits++;
        }

        return digits is >= 13 and <= 19 && sum % 10 == 0;
    }

    /// <summary>
    /// The candidate as a phone number, or unchanged. A phone number directly followed by a date
    /// (<c>+1 555 123 4567 2026-11-22</c>) or preceded by one is matched as one run of groups: the date is cut off and kept.
    /// </summary>
    private static string MaskPhone(string candidate)
    {
        if (IsPhone(candidate)) return PhoneToken;
        var leading = LeadingDate().Match(candidate);
        if (leading.Success && leading.Length < candidate.Length)
        {
            return string.Concat(leading.Value, MaskPhone(candidate[leading.Length..]));
        }

        var date = TrailingDate().Match(candidate);
        if (date.Success && date.Index > 0 && IsPhone(candidate[..(date.Index - 1)]))
        {
            return string.Concat(PhoneToken, candidate.AsSpan(date.Index - 1));
        }

        return candidate;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[ .-]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LeadingDate();

    [GeneratedRegex(@"(?<=[ .-])\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TrailingDate();

    private static bool IsPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        var min = candidate.StartsWith('+') ? 8 : 9;
        return digits >= min && digits <= 15 && !NotAPhone().IsMatch(candidate);
    }
}
