using System.Buffers;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// One ONNX Runtime session of a BERT-style encoder. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe, so one instance serves every caller.
/// </summary>
internal sealed class OnnxEncoderSession : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string HiddenState = "last_hidden_state";

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxEncoderSession(byte[] model, int intraOpThreads, bool allowSpinning)
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
        if (!_session.OutputMetadata.TryGetValue(HiddenState, out var output))
        {
            _session.Dispose();
            throw new InvalidOperationException($"The embedding model has no '{HiddenState}' output to pool.");
        }

        _outputNames = [HiddenState];
        var declared = output.Dimensions[^1];

        // A dynamic hidden size is learnt from one run; id 0 is in every vocabulary.
        Dimensions = declared > 0 ? declared : Encode([[0]], EmbeddingPooling.Cls, CancellationToken.None)[0].Length;
    }

    public int Dimensions { get; }

    /// <summary>Encodes already truncated rows in one call; returns one pooled, L2-normalised vector per row.</summary>
    public float[][] Encode(IReadOnlyList<IReadOnlyList<int>> rows, EmbeddingPooling pooling, CancellationToken cancellationToken)
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
                for (var t = 0; t < row.Count; t++)
                {
                    ids[offset + t] = row[t];
                    mask[offset + t] = 1;
                }
            }

            long[] shape = [rows.Count, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
            OrtValue[] inputs = _inputNames.Length == 3 ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];
            using var outputs = Run(inputs, cancellationToken);
            return Pool(outputs[0].GetTensorDataAsSpan<float>(), rows, width, pooling);
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
            throw new OperationCanceledException("The embedding run was cancelled.", ex, cancellationToken);
        }
    }

    private static float[][] Pool(ReadOnlySpan<float> hidden, IReadOnlyList<IReadOnlyList<int>> rows, int width, EmbeddingPooling pooling)
    {
        var dimensions = hidden.Length / (rows.Count * width);
        var vectors = new float[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            var vector = new float[dimensions];
            var rowStates = hidden.Slice(r * width * dimensions, width * dimensions);
            if (pooling == EmbeddingPooling.Cls)
            {
                rowStates[..dimensions].CopyTo(vector);
            }
            else
            {
                // Summing is enough: dividing by the token count would be undone by the normalisation below.
                for (var t = 0; t < rows[r].Count; t++)
                {
                    TensorPrimitives.Add(vector, rowStates.Slice(t * dimensions, dimensions), vector);
                }
            }

            var norm = TensorPrimitives.Norm<float>(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            vectors[r] = vector;
        }

        return vectors;
    }
}
