namespace DataDistiller.Core.Messaging;

/// <summary>A delivered message and where it sits in its topic.</summary>
public sealed record ConsumedMessage(
    string Topic,
    int Partition,
    long Offset,
    string Key,
    ReadOnlyMemory<byte> Value,
    IReadOnlyDictionary<string, string> Headers);
