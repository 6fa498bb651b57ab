using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DataDistiller.Core.Retrieval.Lexical;

/// <summary>
/// The BM25 leg's text rules, shared by every index so a question finds the same words in each: the rules of SQLite
/// FTS5's <c>porter unicode61 remove_diacritics 2</c> tokenizer (runs of Unicode letters and digits, lower-cased,
/// diacritics removed, Porter-stemmed) and one English stop-word list for questions.
/// </summary>
public static partial class Bm25Tokenizer
{
    /// <summary>The most terms a question contributes; the rest only slow the search.</summary>
    public const int MaxQueryTerms = 64;

    /// <summary>
    /// Lucene's EnglishAnalyzer stop set plus question words, which every question carries. Their IDF is near zero, so
    /// they hardly change the ranking, but their posting lists hold nearly every chunk.
    /// </summary>
    public static FrozenSet<string> StopWords { get; } = FrozenSet.ToFrozenSet(
        [
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
            "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "do", "does", "did", "were", "has", "have", "had",
        ],
        StringComparer.Ordinal);

    /// <summary>The words of <paramref name="text"/>: lower-case, without diacritics, not stemmed.</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Word().Matches(Fold(text)).Select(m => m.Value);
    }

    /// <summary>Every token of a passage, stemmed, in order; stop words included, as FTS5 indexes them.</summary>
    public static IReadOnlyList<string> Tokenize(string text) => [.. Words(text).Select(PorterStemmer.Stem)];

    /// <summary>
    /// The distinct words of a question, not stemmed: stop words left out unless the question holds nothing else,
    /// at most <see cref="MaxQueryTerms"/>.
    /// </summary>
    public static IReadOnlyList<string> QueryWords(string question)
    {
        var words = Words(question).Distinct(StringComparer.Ordinal).ToList();
        var content = words.Where(w => !StopWords.Contains(w)).ToList();
        return [.. (content.Count > 0 ? content : words).Take(MaxQueryTerms)];
    }

    /// <summary>The distinct stemmed terms of a question (see <see cref="QueryWords"/>).</summary>
    public static IReadOnlyList<string> QueryTerms(string question) =>
        [.. QueryWords(question).Select(PorterStemmer.Stem).Distinct(StringComparer.Ordinal)];

    // Lower-case first, then drop the combining marks canonical decomposition separates from their letters.
    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
