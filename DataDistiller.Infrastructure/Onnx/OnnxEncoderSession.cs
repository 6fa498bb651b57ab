using System.Numerics.Tensors;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>A BERT-style sentence encoder: pools <c>last_hidden_state</c> into one L2-normalised vector per input.</summary>
internal sealed class OnnxEncoderSession : IDisposable
{
    private const string HiddenState = "last_hidden_state";

    private readonly OnnxBertSession _session;

    public OnnxEncoderSession(byte[] model, int intraOpThreads, bool allowSpinning)
    {
        _session = new OnnxBertSession(model, intraOpThreads, allowSpinning, HiddenState, "embedding");
        var declared = _session.OutputDimensions[^1];

        // A dynamic hidden size is learnt from one run; id 0 is in every vocabulary.
        Dimensions = declared > 0 ? declared : Encode([[0]], EmbeddingPooling.Cls, CancellationToken.None)[0].Length;
    }

    public int Dimensions { get; }

    /// <summary>Encodes already truncated rows in one call; returns one pooled, L2-normalised vector per row.</summary>
    public float[][] Encode(IReadOnlyList<IReadOnlyList<int>> rows, EmbeddingPooling pooling, CancellationToken cancellationToken) =>
        _session.Run(rows, null, (hidden, shape) => Pool(hidden, rows, (int)shape[1], pooling), cancellationToken);

    public void Dispose() => _session.Dispose();

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
