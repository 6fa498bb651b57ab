using System.Text.RegularExpressions;

namespace DataDistiller.Core.Answers;

/// <summary>
/// Content words for lexical matching: lowercased letter-or-digit runs without English function words, with a
/// plural "s" dropped so "ships" meets "ship".
/// </summary>
internal static partial class AnswerTerms
{
    private static readonly HashSet<string> s_stopWords = new(
        [
            "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does", "for",
            "from", "had", "has", "have", "how", "i", "in", "into", "is", "it", "its", "me", "of", "on", "or", "our",
            "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
            "to", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "whose", "why", "will", "with",
            "would", "you", "your", "tell", "about", "please",
        ],
        StringComparer.Ordinal);

    public static HashSet<string> Of(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match word in Word().Matches(text.ToLowerInvariant()))
        {
            var term = word.Value;
            if (s_stopWords.Contains(term))
            {
                continue;
            }

            terms.Add(term.Length > 3 && term.EndsWith('s') && !term.EndsWith("ss", StringComparison.Ordinal) ? term[..^1] : term);
        }

        return terms;
    }

    /// <summary>The share of <paramref name="wanted"/> found in <paramref name="found"/>, 0 when nothing is wanted.</summary>
    public static double Coverage(HashSet<string> wanted, HashSet<string> found) =>
        wanted.Count == 0 ? 0 : (double)wanted.Count(found.Contains) / wanted.Count;

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
