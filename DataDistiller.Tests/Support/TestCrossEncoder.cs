namespace DataDistiller.Tests.Support;

/// <summary>
/// A tiny cross-encoder with the real signature (int64 <c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c>
/// [batch, seq] → float <c>logits</c>) whose score is the sum of the ids of the passage tokens
/// (<c>ReduceSum(Cast(input_ids × token_type_ids × attention_mask))</c>), so tests can see exactly what the model read.
/// </summary>
public static class TestCrossEncoder
{
    public const int ClsId = 2;
    public const int SepId = 3;

    /// <summary>Ids follow the line order: the special tokens, then one word per line.</summary>
    public static readonly string[] Vocabulary =
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "what", "is", "a", "cat", "dog", "the", "sat", "on", "mat", "runs", "fast", "cafe"];

    public static int Id(string token) => Array.IndexOf(Vocabulary, token);

    /// <summary>Writes <c>model.onnx</c> and <c>vocab.txt</c> into <paramref name="folder"/>.</summary>
    /// <param name="folder">The model folder.</param>
    /// <param name="twoColumns">Output <c>[batch, 2]</c> as (−score, score), the layout of two-class cross-encoders.</param>
    public static void WriteTo(string folder, bool twoColumns = false)
    {
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), Vocabulary);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Model(twoColumns));
    }

    private static byte[] Model(bool twoColumns)
    {
        const int int64 = 7, float32 = 1, attributeInt = 2;
        var sum = twoColumns ? "relevant" : "logits";
        return new ProtoWriter()
            .Number(1, 8) // ir_version
            .Text(2, "datadistiller-tests")
            .Message(8, o => o.Text(1, string.Empty).Number(2, 13)) // opset_import: ai.onnx 13
            .Message(7, g =>
            {
                g.Message(1, n => Node(n, "Mul", ["input_ids", "token_type_ids"], "typed"));
                g.Message(1, n => Node(n, "Mul", ["typed", "attention_mask"], "masked"));
                g.Message(1, n => Node(n, "Cast", ["masked"], "as_float").Message(5, a => a.Text(1, "to").Number(3, float32).Number(20, attributeInt)));
                g.Message(1, n => Node(n, "ReduceSum", ["as_float", "axes"], sum).Message(5, a => a.Text(1, "keepdims").Number(3, 1).Number(20, attributeInt)));
                if (twoColumns)
                {
                    g.Message(1, n => Node(n, "Neg", [sum], "not_relevant"));
                    g.Message(1, n => Node(n, "Concat", ["not_relevant", sum], "logits").Message(5, a => a.Text(1, "axis").Number(3, 1).Number(20, attributeInt)));
                }

                g.Text(2, "score-passage-ids");
                g.Message(5, t => t.Number(1, 1).Number(2, int64).Bytes(9, BitConverter.GetBytes(1L)).Text(8, "axes"));
                foreach (var input in (string[])["input_ids", "attention_mask", "token_type_ids"])
                {
                    g.Message(11, v => ValueInfo(v, input, int64, "batch", "sequence"));
                }

                g.Message(12, v => ValueInfo(v, "logits", float32, "batch", twoColumns ? 2 : 1));
            })
            .ToArray();
    }

    private static ProtoWriter Node(ProtoWriter node, string op, string[] inputs, string output)
    {
        foreach (var input in inputs)
        {
            node.Text(1, input);
        }

        return node.Text(2, output).Text(3, $"{op}_{output}").Text(4, op);
    }

    private static void ValueInfo(ProtoWriter value, string name, int elementType, params object[] dims) =>
        value.Text(1, name).Message(2, type => type.Message(1, tensor => tensor
            .Number(1, elementType)
            .Message(2, shape =>
            {
                foreach (var dim in dims)
                {
                    shape.Message(1, d => _ = dim is int size ? d.Number(1, size) : d.Text(2, (string)dim));
                }
            })));
}
