using DataDistiller.Core.Retrieval.Lexical;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Turns a question into an FTS5 MATCH expression: every word quoted (so FTS5 operators and punctuation in
/// the question cannot break the query) and joined with OR, which BM25 then ranks. English stop words are left
/// out, as Lucene's English analyzer does: their IDF is near zero, so they hardly change the ranking, but their
/// posting lists hold nearly every chunk and made BM25 score the whole collection (300 ms at 100k chunks).
/// A question made only of stop words keeps them. The rules are <see cref="Bm25Tokenizer"/>'s, shared with the Qdrant leg.
/// </summary>
internal static class Fts5Query
{
    /// <summary>The MATCH expression, or null when the question holds no word.</summary>
    public static string? From(string question)
    {
        // Unstemmed: FTS5's porter tokenizer stems query strings itself.
        var terms = Bm25Tokenizer.QueryWords(question).Select(t => "\"" + t + "\"").ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }
}
