namespace DataDistiller.Core.Documents;

/// <summary>A live claim on an Idempotency-Key: the request that made it and, once it finished, its response.</summary>
public sealed record IdempotencyClaim(string RequestHash, string? Response, DateTimeOffset ExpiresAt);
