using System.Text.RegularExpressions;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Turns a question into an FTS5 MATCH expression: every word quoted (so FTS5 operators and punctuation in
/// the question cannot break the query) and joined with OR, which BM25 then ranks.
/// </summary>
internal static partial class Fts5Query
{
    private const int MaxTerms = 64;

    /// <summary>The MATCH expression, or null when the question holds no word.</summary>
    public static string? From(string question)
    {
        var terms = Word().Matches(question)
            .Select(m => m.Value.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .Select(t => "\"" + t + "\"")
            .ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
