namespace DataDistiller.Infrastructure.Onnx;

/// <summary>How a BERT-style model's token states become one sentence vector.</summary>
public enum EmbeddingPooling
{
    /// <summary>The state of the leading [CLS] token (arctic-embed).</summary>
    Cls,

    /// <summary>The mean of the token states under the attention mask (sentence-transformers MiniLM).</summary>
    Mean,
}
