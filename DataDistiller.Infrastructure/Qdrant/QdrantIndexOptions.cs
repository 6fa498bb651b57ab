using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Qdrant;

/// <summary>The BM25 parameters of the Qdrant chunk index's sparse vectors.</summary>
public sealed class QdrantIndexOptions
{
    public const string SectionName = "DataDistiller:Qdrant";

    /// <summary>BM25's term-frequency saturation.</summary>
    [Range(0.0, 10.0)]
    public double Bm25K1 { get; set; } = 1.2;

    /// <summary>BM25's length normalisation.</summary>
    [Range(0.0, 1.0)]
    public double Bm25B { get; set; } = 0.75;

    /// <summary>
    /// The average chunk length in words. Qdrant keeps no length statistics, so this estimate stands in for the corpus
    /// average: 200-token chunks hold about 150 words.
    /// </summary>
    [Range(1.0, 100_000.0)]
    public double AverageChunkLength { get; set; } = 150;
}
