using System.Text;

namespace DataDistiller.Core.Retrieval.Lexical;

/// <summary>
/// Encodes text as BM25 sparse vectors for an index that applies IDF itself (Qdrant's <c>Modifier.Idf</c>): a passage
/// weighs each term by BM25's term-frequency saturation, a question weighs each distinct term 1, so their dot product
/// times IDF is the BM25 score. A term's id is its FNV-1a hash, stable across processes and versions.
/// </summary>
/// <param name="k1">Term-frequency saturation (BM25's k1).</param>
/// <param name="b">Length normalisation (BM25's b).</param>
/// <param name="averageLength">The average passage length in tokens: a fixed estimate, as a sparse index keeps no statistics.</param>
public sealed class Bm25SparseEncoder(double k1 = 1.2, double b = 0.75, double averageLength = 256)
{
    /// <summary>The vector of a passage.</summary>
    public SparseTermVector EncodeDocument(string text)
    {
        var tokens = Bm25Tokenizer.Tokenize(text);
        var frequencies = new SortedDictionary<uint, int>();
        foreach (var token in tokens)
        {
            var id = TermId(token);
            frequencies[id] = frequencies.GetValueOrDefault(id) + 1;
        }

        var norm = k1 * (1 - b + (b * tokens.Count / averageLength));
        return new SparseTermVector(
            [.. frequencies.Keys],
            [.. frequencies.Values.Select(tf => (float)(tf * (k1 + 1) / (tf + norm)))]);
    }

    /// <summary>The vector of a question: weight 1 per distinct term.</summary>
    public static SparseTermVector EncodeQuery(string question)
    {
        var ids = Bm25Tokenizer.QueryTerms(question).Select(TermId).Distinct().Order().ToArray();
        return new SparseTermVector(ids, [.. ids.Select(_ => 1f)]);
    }

    /// <summary>The id of a term: 32-bit FNV-1a of its UTF-8 bytes.</summary>
    public static uint TermId(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        const uint offsetBasis = 2166136261u;
        const uint prime = 16777619u;
        var id = offsetBasis;
        foreach (var octet in Encoding.UTF8.GetBytes(term))
        {
            id = unchecked((id ^ octet) * prime);
        }

        return id;
    }
}
