using System.Runtime.InteropServices;
using DataDistiller.Infrastructure.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Xunit;

namespace DataDistiller.Tests.Unit.Onnx;

public sealed class OnnxWeightQuantizerTests
{
    private const int Rows = 16;
    private const int Columns = 8;

    [Fact]
    public void Quantize_MatMulWithConstantWeights_RunsOnIntegerKernelsAndStaysClose()
    {
        // Arrange
        var weights = RandomMatrix(Rows, Columns, seed: 1);
        var model = Model(opset: 13, [MatMul("x", "w", "y")], [Initializer("w", weights, Rows, Columns)]);
        var input = RandomMatrix(3, Rows, seed: 2);

        // Act
        var (quantized, count) = OnnxWeightQuantizer.Quantize(model);

        // Assert
        Assert.Equal(1, count);
        var graph = ModelProto.Parser.ParseFrom(quantized).Graph;
        Assert.Contains(graph.Node, n => n.OpType == "MatMulInteger");
        Assert.DoesNotContain(graph.Node, n => n.OpType == "MatMul");
        Assert.DoesNotContain(graph.Initializer, i => i.Name == "w");
        var expected = Run(model, input);
        var actual = Run(quantized, input);
        var largest = expected.Max(MathF.Abs);
        Assert.All(expected.Zip(actual), pair => Assert.InRange(MathF.Abs(pair.First - pair.Second), 0, largest * 0.03f));
    }

    [Fact]
    public void Quantize_MatMulOfTwoActivations_IsLeftAsItIs()
    {
        // Arrange: attention multiplies two computed tensors; only constant weights are quantised.
        var model = Model(opset: 13, [Node("Transpose", ["x"], ["x_transposed"]), MatMul("x", "x_transposed", "y")], []);

        // Act
        var (quantized, count) = OnnxWeightQuantizer.Quantize(model);

        // Assert
        Assert.Equal(0, count);
        Assert.Equal(["Transpose", "MatMul"], ModelProto.Parser.ParseFrom(quantized).Graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void Quantize_WeightsAlsoReadElsewhere_KeepsTheFloatCopyForThatReader()
    {
        // Arrange: a tied table, read by a MatMul and by a Gather.
        var weights = RandomMatrix(Rows, Columns, seed: 3);
        var model = Model(opset: 13,
            [MatMul("x", "w", "y"), Node("Gather", ["w", "index"], ["row"])],
            [Initializer("w", weights, Rows, Columns)]);

        // Act
        var (quantized, count) = OnnxWeightQuantizer.Quantize(model);

        // Assert
        Assert.Equal(1, count);
        var graph = ModelProto.Parser.ParseFrom(quantized).Graph;
        Assert.Contains(graph.Initializer, i => i.Name == "w");
        Assert.Contains(graph.Initializer, i => i.Name == "w_int8");
    }

    [Fact]
    public void Quantize_BeforeOpset11_RefusesWithTheReason()
    {
        // Arrange
        var model = Model(opset: 10, [MatMul("x", "w", "y")], [Initializer("w", RandomMatrix(Rows, Columns, seed: 4), Rows, Columns)]);

        // Act
        var error = Assert.Throws<NotSupportedException>(() => OnnxWeightQuantizer.Quantize(model));

        // Assert
        Assert.Contains("opset 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuantizeColumns_EachColumnOnItsOwnScale_LargestMagnitudeBecomes127()
    {
        // Arrange: column 0 spans ±2, column 1 ±0.01, column 2 is all zeros.
        float[] values = [2f, 0.01f, 0f, -1.5f, -0.01f, 0f, 0.5f, 0.004f, 0f];

        // Act
        var (codes, scales) = OnnxWeightQuantizer.QuantizeColumns(values, rows: 3, columns: 3);

        // Assert
        Assert.Equal([127, 127, 0, -95, -127, 0, 32, 51, 0], codes.Select(c => (int)c));
        Assert.Equal(2f / 127, scales[0], 1e-7f);
        Assert.Equal(0.01f / 127, scales[1], 1e-9f);
        Assert.Equal(1f, scales[2]);
    }

    private static float[] Run(byte[] model, float[] input)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(input, [input.Length / Rows, Rows]))]);
        return results[0].AsTensor<float>().ToArray();
    }

    private static float[] RandomMatrix(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * columns).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    private static byte[] Model(int opset, NodeProto[] nodes, TensorProto[] initializers)
    {
        var graph = new GraphProto { Name = "test" };
        graph.Node.AddRange(nodes);
        graph.Initializer.AddRange(initializers);
        graph.Input.Add(Value("x", TensorProto.Types.DataType.Float, -1, Rows));
        graph.Output.Add(Value("y", TensorProto.Types.DataType.Float, -1, -1));
        var model = new ModelProto { IrVersion = 7, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "n" } : new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    private static TensorProto Initializer(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static NodeProto MatMul(string a, string b, string output) => Node("MatMul", [a, b], [output]);

    private static NodeProto Node(string opType, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = opType, Name = outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }
}
