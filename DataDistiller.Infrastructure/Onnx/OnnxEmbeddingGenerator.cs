using System.ComponentModel.DataAnnotations;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Threading;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// Sentence embeddings from a local BERT-style ONNX model (arctic-embed-xs or MiniLM by default). Thread-safe: share one
/// instance. The tokenizer loads at construction; the 90 MB model loads once, at the first embedding or metadata request.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string ProviderName = "onnx";

    private readonly OnnxModelDefinition _model;
    private readonly int _maxBatchSize;
    private readonly BertTokenizer _tokenizer;
    private readonly InferencePool _ingestion;
    private readonly InferencePool _urgent;
    private readonly Lazy<OnnxEncoderSession> _session;
    private readonly Lazy<EmbeddingGeneratorMetadata> _metadata;
    private bool _disposed;

    public OnnxEmbeddingGenerator(OnnxEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The same rules as at start-up, for callers that construct the generator without the container.
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var validation = new OnnxEmbeddingOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OnnxEmbeddingOptions), validation.Failures);
        }

        _model = OnnxModelDefinition.FromOptions(options);
        _maxBatchSize = options.MaxBatchSize;
        using (var vocab = _model.OpenVocab())
        {
            // The vocabularies are uncased and accent-free: without these "Café" or "São" become [UNK].
            _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        }

        var threads = options.IntraOpThreads ?? 1;
        var workers = options.InferenceThreads ?? Environment.ProcessorCount;
        _ingestion = new InferencePool("onnx-inference", workers, new WorkerPriority(options.InferenceNice, options.InferenceOnlyWhenIdle));
        // Query vectors and a search's passages are request work: on workers of their own at the requests' priority,
        // they neither wait for a running ingestion batch nor share its low priority. Idle, the workers cost nothing.
        _urgent = new InferencePool("onnx-urgent", workers, WorkerPriority.Request);
        // Created on an ingestion worker, so ONNX Runtime's own threads (when IntraOpThreads > 1) inherit its priority.
        _session = new Lazy<OnnxEncoderSession>(() => _ingestion.Invoke(() => new OnnxEncoderSession(_model.LoadModel(), threads, options.AllowSpinning)));
        _metadata = new Lazy<EmbeddingGeneratorMetadata>(() => new EmbeddingGeneratorMetadata(ProviderName, null, _model.ModelId, Dimensions));
    }

    /// <summary>The model's id, recorded with every collection built from its vectors.</summary>
    public string ModelId => _model.ModelId;

    /// <summary>The vector length; loads the model.</summary>
    public int Dimensions => _session.Value.Dimensions;

    /// <summary>The model's WordPiece tokenizer, so chunk sizes are counted in the tokens the model sees.</summary>
    public Tokenizer Tokenizer => _tokenizer;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();

        var prefix = EmbeddingInputType.IsQuery(options) ? _model.QueryPrefix : string.Empty;
        var tokens = values.Select(value => Tokenize(prefix, value)).ToArray();

        // Sorting by length keeps similar lengths in one batch, so little of each batch is padding.
        var order = new int[tokens.Length];
        var lengths = new int[tokens.Length];
        long tokenCount = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            order[i] = i;
            lengths[i] = tokens[i].Count;
            tokenCount += lengths[i];
        }

        Array.Sort(lengths, order);
        var batches = await PoolFor(options).RunBatchesAsync(
            (tokens.Length + _maxBatchSize - 1) / _maxBatchSize,
            (batch, ct) => EncodeBatch(tokens, order, batch * _maxBatchSize, ct),
            urgent: EmbeddingPriority.IsUrgent(options),
            cancellationToken).ConfigureAwait(false);

        var embeddings = new Embedding<float>[tokens.Length];
        for (var b = 0; b < batches.Length; b++)
        {
            var start = b * _maxBatchSize;
            for (var i = 0; i < batches[b].Length; i++)
            {
                embeddings[order[start + i]] = new Embedding<float>(batches[b][i]) { ModelId = _model.ModelId };
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(embeddings) { Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount } };
    }

    /// <summary>The workers a call with these options runs on.</summary>
    internal InferencePool PoolFor(EmbeddingGenerationOptions? options) => EmbeddingPriority.IsUrgent(options) ? _urgent : _ingestion;

    private float[][] EncodeBatch(IReadOnlyList<int>[] tokens, int[] order, int start, CancellationToken cancellationToken)
    {
        var rows = new IReadOnlyList<int>[Math.Min(_maxBatchSize, tokens.Length - start)];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = tokens[order[start + i]];
        }

        return _session.Value.Encode(rows, _model.Pooling, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata.Value;
        }

        if (serviceType.IsInstanceOfType(_tokenizer))
        {
            return _tokenizer;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The container disposes this once per registration it is resolved through, so a second call is a no-op.
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // The pools finish the batches already queued first: none of them may find the session disposed.
        _urgent.Dispose();
        _ingestion.Dispose();
        if (_session.IsValueCreated)
        {
            _session.Value.Dispose();
        }
    }

    private IReadOnlyList<int> Tokenize(string prefix, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = prefix.Length == 0 ? value : string.Concat(prefix, value);
        return _tokenizer.EncodeToIds(text, _model.MaxTokens, addSpecialTokens: true, out _, out _);
    }
}
