namespace DataDistiller.Infrastructure.Onnx;

/// <summary>One model file to fetch into the cache, with what it must be.</summary>
/// <param name="Source">Where the file is downloaded from.</param>
/// <param name="Destination">The file in the cache.</param>
/// <param name="ExpectedBytes">The size it must have, or null to accept the server's length.</param>
/// <param name="ExpectedSha256">The SHA-256 (hex) it must have, or null to skip the check.</param>
public sealed record ModelFileDownload(Uri Source, string Destination, long? ExpectedBytes = null, string? ExpectedSha256 = null);
