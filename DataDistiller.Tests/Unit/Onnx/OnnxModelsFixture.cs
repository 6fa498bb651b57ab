using DataDistiller.Infrastructure.Onnx;

namespace DataDistiller.Tests.Unit.Onnx;

/// <summary>Loads each packaged model once for the whole test class; a load costs a second or two.</summary>
public sealed class OnnxModelsFixture : IDisposable
{
    // Small batches so a handful of inputs already spans several ONNX calls.
    public const int BatchSize = 3;

    public OnnxEmbeddingGenerator ArcticXs { get; } = Create(OnnxEmbeddingModels.ArcticXs);

    public OnnxEmbeddingGenerator MiniLm { get; } = Create(OnnxEmbeddingModels.MiniLm);

    /// <summary>arctic-xs with its dense layers quantised to int8 at load.</summary>
    public OnnxEmbeddingGenerator ArcticXsInt8 { get; } = Create(OnnxEmbeddingModels.ArcticXs, OnnxEmbeddingPrecisions.Quantized);

    public OnnxEmbeddingGenerator Get(string model) => model == OnnxEmbeddingModels.ArcticXs ? ArcticXs : MiniLm;

    public void Dispose()
    {
        ArcticXs.Dispose();
        MiniLm.Dispose();
        ArcticXsInt8.Dispose();
    }

    private static OnnxEmbeddingGenerator Create(string model, string precision = OnnxEmbeddingPrecisions.Full) =>
        new(new OnnxEmbeddingOptions { Model = model, Precision = precision, MaxBatchSize = BatchSize });
}
