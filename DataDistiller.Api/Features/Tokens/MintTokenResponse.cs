namespace DataDistiller.Api.Features.Tokens;

/// <summary>A minted token (send it as <c>Authorization: Bearer …</c>) and what it carries.</summary>
public sealed record MintTokenResponse(string Token, DateTimeOffset ExpiresAt, string Subject, string Tenant, IReadOnlyList<string> Roles);
