namespace DataDistiller.Endpoints.Security;

/// <summary>A signed token and when it stops being accepted.</summary>
public sealed record MintedToken(string Token, DateTimeOffset ExpiresAt);
