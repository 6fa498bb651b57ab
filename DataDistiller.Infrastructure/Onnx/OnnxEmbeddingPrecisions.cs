namespace DataDistiller.Infrastructure.Onnx;

/// <summary>The values of <see cref="OnnxEmbeddingOptions.Precision"/>.</summary>
public static class OnnxEmbeddingPrecisions
{
    /// <summary>The model as shipped: float weights.</summary>
    public const string Full = "fp32";

    /// <summary>The dense layers' weights quantised to int8 at load (<see cref="OnnxWeightQuantizer"/>).</summary>
    public const string Quantized = "int8";

    /// <summary>Appended to the model id of quantised vectors, which are close to the fp32 ones but not equal.</summary>
    public const string QuantizedSuffix = "-int8";
}
