using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// The local cross-encoder (ms-marco-MiniLM-L-6-v2 class): <c>model.onnx</c> and <c>vocab.txt</c> from
/// <see cref="Path"/>, or, when <see cref="Download"/> is on, from the model cache, fetched on first use.
/// </summary>
public sealed class OnnxRerankerOptions
{
    public const string SectionName = "DataDistiller:Models:Reranker";

    /// <summary>A folder holding <c>model.onnx</c> and <c>vocab.txt</c>; takes precedence over the cache.</summary>
    public string? Path { get; set; }

    /// <summary>Whether a missing model is downloaded into the cache on first use. Off: most installs are offline.</summary>
    public bool Download { get; set; }

    /// <summary>The model's name: reported on responses and the cache folder's name.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", ErrorMessage = "ModelName must be a plain folder name.")]
    public string ModelName { get; set; } = "ms-marco-MiniLM-L-6-v2";

    /// <summary>Where the files of <see cref="ModelName"/> are downloaded from.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://huggingface.co/cross-encoder/ms-marco-MiniLM-L-6-v2/resolve/main/");

    /// <summary>The model file under <see cref="BaseUrl"/>.</summary>
    [Required]
    public string ModelFile { get; set; } = "onnx/model.onnx";

    /// <summary>The vocabulary under <see cref="BaseUrl"/>.</summary>
    [Required]
    public string VocabFile { get; set; } = "vocab.txt";

    /// <summary>The cache folder; defaults to <c>&lt;DataDirectory&gt;/models/&lt;ModelName&gt;</c>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The expected size and SHA-256 (hex) of the downloaded model; checked when set.</summary>
    [Range(1, long.MaxValue)]
    public long? ModelBytes { get; set; }

    /// <inheritdoc cref="ModelBytes"/>
    [RegularExpression("^[0-9a-fA-F]{64}$")]
    public string? ModelSha256 { get; set; }

    /// <summary>The expected size and SHA-256 (hex) of the downloaded vocabulary; checked when set.</summary>
    [Range(1, long.MaxValue)]
    public long? VocabBytes { get; set; }

    /// <inheritdoc cref="VocabBytes"/>
    [RegularExpression("^[0-9a-fA-F]{64}$")]
    public string? VocabSha256 { get; set; }

    /// <summary>Whether text is lower-cased before WordPiece, as uncased vocabularies need.</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>Tokens per question–passage pair, special tokens included: the model's limit.</summary>
    [Range(8, 8192)]
    public int MaxTokens { get; set; } = 512;

    /// <summary>Pairs per ONNX Runtime call.</summary>
    [Range(1, 1024)]
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>Inference workers: each runs whole batches of pairs, so one question's batches spread over them. Defaults to the processor count.</summary>
    [Range(1, 1024)]
    public int? InferenceThreads { get; set; }

    /// <summary>ONNX Runtime intra-op threads per run; defaults to 1 (the workers supply the parallelism).</summary>
    [Range(1, 1024)]
    public int? IntraOpThreads { get; set; }
}
