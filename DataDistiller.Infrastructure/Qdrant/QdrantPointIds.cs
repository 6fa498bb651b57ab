using System.Security.Cryptography;
using System.Text;

namespace DataDistiller.Infrastructure.Qdrant;

/// <summary>
/// Point ids derived from chunk ids (RFC 4122 name-based UUID, version 5), so a redelivered chunk overwrites its point.
/// </summary>
public static class QdrantPointIds
{
    /// <summary>The namespace of DataDistiller's chunk ids; changing it would orphan every stored point.</summary>
    public static readonly Guid ChunkNamespace = new("6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f");

    /// <summary>The point id of <paramref name="chunkId"/>.</summary>
    public static Guid ForChunk(string chunkId) => NameBased(ChunkNamespace, chunkId);

    /// <summary>The version-5 UUID of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    public static Guid NameBased(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 prescribes for version 5; nothing here is a security boundary.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
