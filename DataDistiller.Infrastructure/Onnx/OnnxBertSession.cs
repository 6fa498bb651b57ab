using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>Reads one float output of a run: its values and its shape.</summary>
internal delegate T OnnxOutputReader<out T>(ReadOnlySpan<float> values, ReadOnlySpan<long> shape);

/// <summary>
/// One ONNX Runtime session of a BERT-style model with int64 <c>input_ids</c>, <c>attention_mask</c> and optional
/// <c>token_type_ids</c>, shared by the embedder and the cross-encoder. <see cref="InferenceSession"/> runs are
/// thread-safe, so one instance serves every caller.
/// </summary>
internal sealed class OnnxBertSession : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxBertSession(byte[] model, int intraOpThreads, bool allowSpinning, string outputName, string modelKind)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", allowSpinning ? "1" : "0");

        _session = new InferenceSession(model, options);
        _inputNames = _session.InputMetadata.ContainsKey(TokenTypeIds) ? [InputIds, AttentionMask, TokenTypeIds] : [InputIds, AttentionMask];
        if (!_session.OutputMetadata.TryGetValue(outputName, out var output))
        {
            _session.Dispose();
            throw new InvalidOperationException($"The {modelKind} model has no '{outputName}' output.");
        }

        _outputNames = [outputName];
        OutputDimensions = output.Dimensions;
    }

    /// <summary>The declared shape of the output; dynamic axes are negative.</summary>
    public IReadOnlyList<int> OutputDimensions { get; }

    /// <summary>
    /// Runs already truncated rows in one call, padded to the longest. Tokens of a row from its
    /// <paramref name="secondSegmentStarts"/> entry on carry token type 1 (the passage of a pair); null means one segment.
    /// </summary>
    public T Run<T>(IReadOnlyList<IReadOnlyList<int>> rows, IReadOnlyList<int>? secondSegmentStarts, OnnxOutputReader<T> read, CancellationToken cancellationToken)
    {
        var width = 1;
        foreach (var row in rows)
        {
            width = Math.Max(width, row.Count);
        }

        var size = rows.Count * width;
        var ids = ArrayPool<long>.Shared.Rent(size);
        var mask = ArrayPool<long>.Shared.Rent(size);
        var types = ArrayPool<long>.Shared.Rent(size);
        try
        {
            Array.Clear(ids, 0, size);
            Array.Clear(mask, 0, size);
            Array.Clear(types, 0, size);
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                var offset = r * width;
                var second = secondSegmentStarts?[r] ?? row.Count;
                for (var t = 0; t < row.Count; t++)
                {
                    ids[offset + t] = row[t];
                    mask[offset + t] = 1;
                    types[offset + t] = t >= second ? 1 : 0;
                }
            }

            long[] shape = [rows.Count, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
            OrtValue[] inputs = _inputNames.Length == 3 ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];
            using var outputs = Run(inputs, cancellationToken);
            var output = outputs[0];
            return read(output.GetTensorDataAsSpan<float>(), output.GetTensorTypeAndShape().Shape);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    public void Dispose() => _session.Dispose();

    private IDisposableReadOnlyCollection<OrtValue> Run(OrtValue[] inputs, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();

        // A large batch runs for seconds: cancellation terminates the native run instead of waiting for it.
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        try
        {
            return _session.Run(runOptions, _inputNames, inputs, _outputNames);
        }
        catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The model run was cancelled.", ex, cancellationToken);
        }
    }
}
