using System.Numerics.Tensors;

namespace DataDistiller.Benchmarks.Embedders;

/// <summary>How well query vectors rank their gold paragraph among all paragraphs.</summary>
internal sealed record RetrievalScores(double RecallAt1, double RecallAt5, double MrrAt10)
{
    /// <summary>Ranks every paragraph by dot product, which is cosine similarity for unit vectors.</summary>
    public static RetrievalScores Compute(
        IReadOnlyList<ReadOnlyMemory<float>> queries, IReadOnlyList<int> goldIndices, IReadOnlyList<ReadOnlyMemory<float>> paragraphs)
    {
        double top1 = 0, top5 = 0, reciprocalRanks = 0;
        for (var q = 0; q < queries.Count; q++)
        {
            var query = queries[q];
            var gold = TensorPrimitives.Dot(query.Span, paragraphs[goldIndices[q]].Span);
            var rank = 1 + paragraphs.Count(p => TensorPrimitives.Dot(query.Span, p.Span) > gold);
            top1 += rank == 1 ? 1 : 0;
            top5 += rank <= 5 ? 1 : 0;
            reciprocalRanks += rank <= 10 ? 1.0 / rank : 0;
        }

        return new(top1 / queries.Count, top5 / queries.Count, reciprocalRanks / queries.Count);
    }
}
