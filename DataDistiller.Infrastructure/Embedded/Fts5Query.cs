namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Turns the words of a question into an FTS5 MATCH expression: every word quoted (so FTS5 operators and punctuation
/// in the question cannot break the query) and joined with OR, which BM25 then ranks. Which words reach it is
/// <see cref="DataDistiller.Core.Retrieval.Lexical.Bm25Tokenizer.QueryWords"/>'s rule (stop words out), shared with the
/// Qdrant leg, then the local index's common-term rule.
/// </summary>
internal static class Fts5Query
{
    /// <summary>The MATCH expression, or null when there is no word.</summary>
    public static string? From(IEnumerable<string> words)
    {
        // Unstemmed: FTS5's porter tokenizer stems query strings itself.
        var terms = words.Select(t => "\"" + t + "\"").ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }
}
