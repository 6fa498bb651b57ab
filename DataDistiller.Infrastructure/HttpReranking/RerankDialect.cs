namespace DataDistiller.Infrastructure.HttpReranking;

/// <summary>The <c>/rerank</c> API a re-ranking server speaks.</summary>
public enum RerankDialect
{
    /// <summary>Hugging Face text-embeddings-inference: <c>{query, texts}</c> → <c>[{index, score}]</c>.</summary>
    Tei,

    /// <summary>Cohere and compatible servers (Infinity, Jina): <c>{model, query, documents, top_n}</c> → <c>{results: [{index, relevance_score}]}</c>.</summary>
    Cohere,
}
