using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// Dynamic int8 quantisation of an ONNX model, as ONNX Runtime's Python <c>quantize_dynamic</c> does it, done at load so
/// no converted file has to be shipped or downloaded. Every MatMul whose second input is a float matrix initializer (the
/// dense layers of a BERT encoder) becomes <c>DynamicQuantizeLinear → MatMulInteger → Cast → Mul</c>: the weights are
/// stored as int8, symmetric per output column; the activations are quantised to uint8 per call. ONNX Runtime fuses that
/// chain into one integer kernel (VNNI where the CPU has it). Everything else (attention's own MatMuls, LayerNorm,
/// softmax, the embedding tables) stays float.
/// </summary>
internal static class OnnxWeightQuantizer
{
    private const int FloatType = (int)TensorProto.Types.DataType.Float;
    private const int Int8Type = (int)TensorProto.Types.DataType.Int8;
    private const int MinimumOpset = 11;

    /// <summary>Returns the quantised model and how many MatMuls it converted.</summary>
    public static (byte[] Model, int QuantizedMatMuls) Quantize(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parsed = ModelProto.Parser.ParseFrom(model);
        var opset = parsed.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
        if (opset < MinimumOpset)
        {
            throw new NotSupportedException(
                $"int8 quantisation needs ONNX opset {MinimumOpset} or later (DynamicQuantizeLinear); this model declares opset {opset}.");
        }

        var graph = parsed.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var converted = new HashSet<string>(StringComparer.Ordinal);
        var nodes = graph.Node.ToList();
        graph.Node.Clear();
        var quantized = 0;
        foreach (var node in nodes)
        {
            if (node.OpType == "MatMul" && node.Input.Count == 2
                && initializers.TryGetValue(node.Input[1], out var weights) && IsFloatMatrix(weights))
            {
                if (converted.Add(weights.Name))
                {
                    AddQuantizedWeights(graph, weights);
                }

                AddQuantizedMatMul(graph, node, weights.Name);
                quantized++;
            }
            else
            {
                graph.Node.Add(node);
            }
        }

        // A float matrix stays when anything else still reads it (a tied embedding table, say).
        var read = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var name in converted.Where(n => !read.Contains(n)))
        {
            graph.Initializer.Remove(initializers[name]);
        }

        return (parsed.ToByteArray(), quantized);
    }

    private static bool IsFloatMatrix(TensorProto tensor) =>
        tensor.DataType == FloatType && tensor.Dims.Count == 2 && (tensor.RawData.Length > 0 || tensor.FloatData.Count > 0);

    private static void AddQuantizedWeights(GraphProto graph, TensorProto weights)
    {
        var rows = (int)weights.Dims[0];
        var columns = (int)weights.Dims[1];
        var values = weights.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(weights.RawData.Span).ToArray()
            : [.. weights.FloatData];
        var (codes, scales) = QuantizeColumns(values, rows, columns);
        graph.Initializer.Add(Tensor($"{weights.Name}_int8", Int8Type, MemoryMarshal.AsBytes(codes.AsSpan()), rows, columns));
        graph.Initializer.Add(Tensor($"{weights.Name}_zero_point", Int8Type, new byte[columns], columns));
        graph.Initializer.Add(Tensor($"{weights.Name}_scale", FloatType, MemoryMarshal.AsBytes(scales.AsSpan()), columns));
    }

    // The last node keeps the MatMul's output name, so every consumer is unchanged.
    private static void AddQuantizedMatMul(GraphProto graph, NodeProto matMul, string weights)
    {
        var output = matMul.Output[0];
        graph.Node.Add(Node("DynamicQuantizeLinear", [matMul.Input[0]], [$"{output}_a", $"{output}_a_scale", $"{output}_a_zero_point"]));
        graph.Node.Add(Node("MatMulInteger", [$"{output}_a", $"{weights}_int8", $"{output}_a_zero_point", $"{weights}_zero_point"], [$"{output}_int32"]));
        var cast = Node("Cast", [$"{output}_int32"], [$"{output}_float"]);
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = FloatType });
        graph.Node.Add(cast);
        graph.Node.Add(Node("Mul", [$"{output}_a_scale", $"{weights}_scale"], [$"{output}_scale"]));
        graph.Node.Add(Node("Mul", [$"{output}_float", $"{output}_scale"], [output]));
    }

    /// <summary>Symmetric int8 per column (codes in −127..127, zero point 0), row-major like the float matrix.</summary>
    internal static (sbyte[] Codes, float[] Scales) QuantizeColumns(float[] values, int rows, int columns)
    {
        var scales = new float[columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                scales[column] = Math.Max(scales[column], Math.Abs(values[(row * columns) + column]));
            }
        }

        for (var column = 0; column < columns; column++)
        {
            scales[column] = scales[column] == 0 ? 1 : scales[column] / 127f;
        }

        var codes = new sbyte[values.Length];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var i = (row * columns) + column;
                codes[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scales[column]), -127, 127);
            }
        }

        return (codes, scales);
    }

    private static TensorProto Tensor(string name, int dataType, ReadOnlySpan<byte> data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = dataType, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static NodeProto Node(string opType, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = opType, Name = $"{outputs[0]}_{opType}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }
}
