namespace DataDistiller.Infrastructure.Onnx;

/// <summary>The files a cross-encoder folder holds.</summary>
internal static class RerankerModelFiles
{
    public const string Model = "model.onnx";
    public const string Vocab = "vocab.txt";

    public static IReadOnlyList<string> Names { get; } = [Model, Vocab];
}
