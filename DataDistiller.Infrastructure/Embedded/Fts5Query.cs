using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Turns a question into an FTS5 MATCH expression: every word quoted (so FTS5 operators and punctuation in
/// the question cannot break the query) and joined with OR, which BM25 then ranks. English stop words are left
/// out, as Lucene's English analyzer does: their IDF is near zero, so they hardly change the ranking, but their
/// posting lists hold nearly every chunk and made BM25 score the whole collection (300 ms at 100k chunks).
/// A question made only of stop words keeps them.
/// </summary>
internal static partial class Fts5Query
{
    private const int MaxTerms = 64;

    // Lucene's EnglishAnalyzer stop set plus question words, which every question carries.
    private static readonly FrozenSet<string> s_stopWords = FrozenSet.ToFrozenSet(
        [
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
            "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "do", "does", "did", "were", "has", "have", "had",
        ],
        StringComparer.Ordinal);

    /// <summary>The MATCH expression, or null when the question holds no word.</summary>
    public static string? From(string question)
    {
        var words = Word().Matches(question)
            .Select(m => m.Value.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var content = words.Where(w => !s_stopWords.Contains(w)).ToList();
        var terms = (content.Count > 0 ? content : words).Take(MaxTerms).Select(t => "\"" + t + "\"").ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
