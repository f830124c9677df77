using System.Collections.Frozen;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Splits text into lower-case terms for themes: letters and digits only, 3–30 characters, at least one letter,
/// no stop words, a plural "s" removed ("reports" → "report"), masking placeholders (<c>[EMAIL]</c>) skipped.
/// </summary>
public static class TextTokenizer
{
    private const int MaxTermLength = 30;

    public static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out",
        "has", "him", "his", "how", "its", "may", "new", "now", "old", "see", "two", "way", "who", "did", "get", "got",
        "let", "say", "she", "too", "use", "yes", "this", "that", "with", "have", "from", "they", "will", "would", "there",
        "their", "what", "about", "which", "when", "make", "like", "time", "just", "know", "take", "into", "year", "your",
        "some", "could", "them", "than", "then", "look", "only", "come", "over", "think", "also", "back", "after", "work",
        "first", "well", "even", "want", "because", "these", "give", "most", "been", "were", "very", "much", "more",
        "does", "doe", "dont", "don", "cant", "can't", "isnt", "it's", "im", "ive", "i'm", "should", "where", "while",
        "still", "every", "each", "other", "here", "again", "really", "please", "thank", "thanks", "app", "application",
        "using", "used", "being", "same", "such", "why", "off", "on", "via", "per", "also", "ever", "never", "always",
        "sometime", "sometimes", "anything", "something", "nothing", "thing", "things", "lot", "lots", "bit", "way",
        "today", "yesterday", "since", "until", "before", "once", "twice", "without", "within", "onto", "upon",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Calls <paramref name="onTerm"/> with each term of <paramref name="text"/>, in order (repeats included).</summary>
    public static void Tokenize(string text, Action<ReadOnlySpan<char>> onTerm)
    {
        Span<char> buffer = stackalloc char[MaxTermLength + 1];
        var length = 0;
        var hasLetter = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (length == 0) start = i;
                if (length <= MaxTermLength) buffer[length] = char.ToLowerInvariant(c);
                length++;
                hasLetter |= char.IsLetter(c);
                continue;
            }

            if (length is >= 3 and <= MaxTermLength && hasLetter && !IsPlaceholder(text, start, i))
            {
                var term = Normalize(buffer[..length]);
                if (!StopWordLookup.Contains(term)) onTerm(term);
            }

            length = 0;
            hasLetter = false;
        }
    }

    private static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> term)
    {
        if (term.Length > 4 && term[^1] == 's' && term[^2] is not ('s' or 'u' or 'i')) return term[..^1];
        return term;
    }

    private static bool IsPlaceholder(string text, int start, int end) =>
        start > 0 && end < text.Length && text[start - 1] == '[' && text[end] == ']' &&
        text.AsSpan(start, end - start) is "EMAIL" or "PHONE" or "CARD";
}
