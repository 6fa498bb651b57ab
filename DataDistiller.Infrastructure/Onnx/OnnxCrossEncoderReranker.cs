using System.ComponentModel.DataAnnotations;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Threading;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// Re-ranks with a local BERT cross-encoder (ms-marco-MiniLM-L-6-v2 class): each pair <c>[CLS] question [SEP] passage
/// [SEP]</c> is read whole and its <c>logits</c> is the score. Thread-safe: share one instance. The model loads (and,
/// when configured, downloads) at the first question.
/// </summary>
public sealed class OnnxCrossEncoderReranker : IReranker, IDisposable
{
    private const string LogitsOutput = "logits";
    private const int SpecialTokensPerPair = 3;

    private readonly OnnxRerankerOptions _options;
    private readonly RerankerModelSource _source;
    private readonly InferencePool _inference;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private BertTokenizer? _tokenizer;
    private volatile OnnxBertSession? _session;
    private bool _disposed;

    public OnnxCrossEncoderReranker(OnnxRerankerOptions options, RerankerModelSource? source = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The same rules as at start-up, for callers that construct the re-ranker without the container.
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var validation = new OnnxRerankerOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OnnxRerankerOptions), validation.Failures);
        }

        _options = options;
        _source = source ?? new RerankerModelSource(options);

        // The embedder's kind of inference pool, but an instance of its own at request priority (nice 0): re-ranking
        // is query work, and it must not wait behind ingestion batches already running on the embedder's workers.
        _inference = new InferencePool("onnx-rerank", options.InferenceThreads ?? Environment.ProcessorCount, WorkerPriority.Request);
        Name = $"onnx-cross-encoder ({options.ModelName})";
    }

    public string Name { get; }

    public async Task<IReadOnlyList<double>> ScoreAsync(RerankRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (request.Candidates.Count == 0)
        {
            return [];
        }

        var session = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var (rows, passageStarts) = EncodePairs(_tokenizer!, request);

        // Sorting by length keeps similar lengths in one batch, so little of each batch is padding.
        var order = Enumerable.Range(0, rows.Length).OrderBy(i => rows[i].Count).ToArray();
        var batchSize = _options.MaxBatchSize;
        var batches = await _inference.RunBatchesAsync(
            (rows.Length + batchSize - 1) / batchSize,
            (batch, ct) => ScoreBatch(session, rows, passageStarts, order, batch * batchSize, ct),
            urgent: true,
            cancellationToken).ConfigureAwait(false);

        var scores = new double[rows.Length];
        for (var b = 0; b < batches.Length; b++)
        {
            for (var i = 0; i < batches[b].Length; i++)
            {
                scores[order[(b * batchSize) + i]] = batches[b][i];
            }
        }

        return scores;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // The pool finishes the batches already queued first: none of them may find the session disposed.
        _inference.Dispose();
        _session?.Dispose();
        _loading.Dispose();
    }

    private async Task<OnnxBertSession> LoadAsync(CancellationToken cancellationToken)
    {
        if (_session is { } loaded)
        {
            return loaded;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_session is { } raced)
            {
                return raced;
            }

            var folder = await _source.GetFolderAsync(cancellationToken).ConfigureAwait(false);
            var vocab = File.OpenRead(Path.Combine(folder, RerankerModelFiles.Vocab));
            await using (vocab.ConfigureAwait(false))
            {
                _tokenizer = await BertTokenizer.CreateAsync(
                    vocab, new BertOptions { LowerCaseBeforeTokenization = _options.LowerCase, RemoveNonSpacingMarks = true }, cancellationToken).ConfigureAwait(false);
            }

            var model = await File.ReadAllBytesAsync(Path.Combine(folder, RerankerModelFiles.Model), cancellationToken).ConfigureAwait(false);
            var threads = _options.IntraOpThreads ?? 1;

            // Created on a worker, so ONNX Runtime's own threads (when IntraOpThreads > 1) inherit its priority.
            var session = await _inference.RunAsync(
                () => new OnnxBertSession(model, threads, allowSpinning: false, LogitsOutput, "re-ranker"), urgent: true, cancellationToken).ConfigureAwait(false);
            if (session.OutputDimensions is [.., > 2])
            {
                session.Dispose();
                throw new InvalidOperationException($"The re-ranker model's '{LogitsOutput}' has {session.OutputDimensions[^1]} columns; 1 or 2 are supported.");
            }

            _session = session;
            return session;
        }
        finally
        {
            _loading.Release();
        }
    }

    private (IReadOnlyList<int>[] Rows, int[] PassageStarts) EncodePairs(BertTokenizer tokenizer, RerankRequest request)
    {
        var budget = _options.MaxTokens - SpecialTokensPerPair;

        // The question is kept whole and passages are cut first; only a question longer than half the window is cut,
        // so every passage keeps at least half of it.
        var question = tokenizer.EncodeToIds(request.Question, budget / 2, addSpecialTokens: false, out _, out _);
        var rows = new IReadOnlyList<int>[request.Candidates.Count];
        var passageStarts = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var passage = tokenizer.EncodeToIds(request.Candidates[i].Chunk.Text, budget - question.Count, addSpecialTokens: false, out _, out _);
            var row = new List<int>(question.Count + passage.Count + SpecialTokensPerPair) { tokenizer.ClassificationTokenId };
            row.AddRange(question);
            row.Add(tokenizer.SeparatorTokenId);
            passageStarts[i] = row.Count;
            row.AddRange(passage);
            row.Add(tokenizer.SeparatorTokenId);
            rows[i] = row;
        }

        return (rows, passageStarts);
    }

    private double[] ScoreBatch(
        OnnxBertSession session, IReadOnlyList<int>[] rows, int[] passageStarts, int[] order, int start, CancellationToken cancellationToken)
    {
        var count = Math.Min(_options.MaxBatchSize, rows.Length - start);
        var batchRows = new IReadOnlyList<int>[count];
        var batchStarts = new int[count];
        for (var i = 0; i < count; i++)
        {
            batchRows[i] = rows[order[start + i]];
            batchStarts[i] = passageStarts[order[start + i]];
        }

        return session.Run(batchRows, batchStarts, ReadRelevance, cancellationToken);
    }

    // [batch, 1] is a relevance logit; with [batch, 2] (not relevant, relevant) the last column is the relevant one.
    private static double[] ReadRelevance(ReadOnlySpan<float> values, ReadOnlySpan<long> shape)
    {
        var columns = shape.Length > 1 ? (int)shape[^1] : 1;
        var scores = new double[values.Length / columns];
        for (var r = 0; r < scores.Length; r++)
        {
            scores[r] = values[(r * columns) + columns - 1];
        }

        return scores;
    }
}
