using System.Text;

namespace DataDistiller.Tests.Support;

/// <summary>Just enough of the protobuf wire format to write an ONNX ModelProto by hand.</summary>
public sealed class ProtoWriter
{
    private const int VarintWire = 0;
    private const int LengthDelimitedWire = 2;

    private readonly List<byte> _buffer = [];

    public ProtoWriter Number(int field, long value)
    {
        Tag(field, VarintWire);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter Text(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, LengthDelimitedWire);
        WriteVarint((ulong)value.Length);
        _buffer.AddRange(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        return Bytes(field, nested.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.Add((byte)value);
    }
}
