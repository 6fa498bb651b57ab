using Microsoft.Extensions.AI;

namespace DataDistiller.Core.Retrieval;

/// <summary>Reads the model id and dimensions the embedding generator reports, once.</summary>
public sealed class EmbeddingModelResolver(IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    private EmbeddingModelInfo? _model;

    /// <summary>The model in use; throws when the generator reports no model id or dimensions.</summary>
    public EmbeddingModelInfo Resolve() => _model ??= Read();

    private EmbeddingModelInfo Read()
    {
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>()
            ?? throw new InvalidOperationException("The embedding generator reports no metadata; its model cannot be recorded.");
        return new EmbeddingModelInfo(
            metadata.DefaultModelId ?? throw new InvalidOperationException("The embedding generator reports no model id."),
            metadata.DefaultModelDimensions ?? throw new InvalidOperationException("The embedding generator reports no dimensions."));
    }
}
