namespace DataDistiller.Core.Ports;

/// <summary>What a blob store wrote: its key, size in bytes and lowercase hex SHA-256.</summary>
public sealed record StoredBlob(string Key, long SizeBytes, string Sha256);
