using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// The local embedding model. Either a packaged <see cref="Model"/>, or any BERT-style ONNX model given by
/// <see cref="ModelPath"/> and <see cref="VocabPath"/> (then <see cref="ModelId"/> is required).
/// </summary>
public sealed class OnnxEmbeddingOptions
{
    public const string SectionName = "DataDistiller:Models:Embedder";

    /// <summary>The packaged model, used when <see cref="ModelPath"/> is not set.</summary>
    [AllowedValues(OnnxEmbeddingModels.ArcticXs, OnnxEmbeddingModels.MiniLm)]
    public string Model { get; set; } = OnnxEmbeddingModels.ArcticXs;

    /// <summary>
    /// An ONNX file with int64 inputs <c>input_ids</c>, <c>attention_mask</c> (and <c>token_type_ids</c>) and the output
    /// <c>last_hidden_state</c>.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// <c>fp32</c> (default) runs the model as shipped. <c>int8</c> quantises its dense layers' weights at load (per output
    /// column; activations per call) and runs them on integer kernels: about twice the throughput on a CPU with VNNI, at
    /// the cost in recall that docs/benchmarks.md measures. The vectors differ slightly from fp32 ones, so the recorded
    /// model id gets <c>-int8</c> appended, and a collection keeps to the precision it was built with.
    /// </summary>
    [AllowedValues(OnnxEmbeddingPrecisions.Full, OnnxEmbeddingPrecisions.Quantized)]
    public string Precision { get; set; } = OnnxEmbeddingPrecisions.Full;

    /// <summary>The WordPiece <c>vocab.txt</c> of <see cref="ModelPath"/>.</summary>
    public string? VocabPath { get; set; }

    /// <summary>The id recorded with the vectors; defaults to the packaged model's id.</summary>
    public string? ModelId { get; set; }

    /// <summary>Overrides the model's pooling; a model from a path defaults to <see cref="EmbeddingPooling.Mean"/>.</summary>
    public EmbeddingPooling? Pooling { get; set; }

    /// <summary>Overrides the text prepended to queries; empty means none.</summary>
    public string? QueryPrefix { get; set; }

    /// <summary>
    /// Tokens per input, special tokens included: a lower cap for a packaged model, the limit of a model from a path (default 512).
    /// </summary>
    [Range(4, 8192)]
    public int? MaxTokens { get; set; }

    /// <summary>
    /// Inputs per ONNX Runtime call. Small batches win on CPU: attention scores grow with batch × tokens² and leave the
    /// cache (docs/benchmarks.md).
    /// </summary>
    [Range(1, 1024)]
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>
    /// Inference workers: each runs whole ONNX batches, so one call's batches spread over them. Defaults to the
    /// processor count (docs/benchmarks.md).
    /// </summary>
    [Range(1, 1024)]
    public int? InferenceThreads { get; set; }

    /// <summary>
    /// ONNX Runtime intra-op threads per run; defaults to 1, so a run executes on its worker alone and the workers
    /// supply the parallelism. Workers × intra-op threads beyond the cores only oversubscribe them.
    /// </summary>
    [Range(1, 1024)]
    public int? IntraOpThreads { get; set; }

    /// <summary>
    /// Whether ONNX Runtime's intra-op threads spin while waiting for work. Off by default: spinning threads take
    /// the cores that uploads, extraction and storage need in the same process (measured in docs/benchmarks.md).
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>
    /// How far below request threads ingestion's inference runs, as a Linux nice increment (0 = same priority), when
    /// <see cref="InferenceOnlyWhenIdle"/> is off or refused. Queries and a search's passages run on workers of their
    /// own at request priority either way.
    /// </summary>
    [Range(0, 19)]
    public int InferenceNice { get; set; } = 10;

    /// <summary>
    /// Whether ingestion's inference runs under Linux's <c>SCHED_IDLE</c> policy: the model keeps the cores whenever
    /// nothing else needs them, and an upload or query preempts it at once rather than at the end of its time slice
    /// (measured in docs/benchmarks.md). Off: at <see cref="InferenceNice"/> only.
    /// </summary>
    public bool InferenceOnlyWhenIdle { get; set; } = true;
}
