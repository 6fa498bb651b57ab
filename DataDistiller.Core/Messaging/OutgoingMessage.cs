namespace DataDistiller.Core.Messaging;

/// <summary>A message to publish: its partition key, JSON value and headers (trace context).</summary>
public sealed record OutgoingMessage(string Key, ReadOnlyMemory<byte> Value, IReadOnlyDictionary<string, string> Headers);
