using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>How to talk to the re-ranking server of <c>ConnectionStrings:reranker</c>.</summary>
public sealed class HttpRerankerOptions
{
    public const string SectionName = "DataDistiller:Models:Reranker:Http";

    /// <summary>The API dialect: <c>tei</c> (default) or <c>cohere</c>.</summary>
    public RerankDialect Dialect { get; set; } = RerankDialect.Tei;

    /// <summary>Texts per request; TEI refuses more than its <c>--max-client-batch-size</c> (32 by default).</summary>
    [Range(1, 1024)]
    public int MaxBatchSize { get; set; } = 32;
}
