using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Api.Features.Tokens;

/// <summary>
/// Who the token is for: <c>subject</c> (its <c>sub</c>), the <c>tenant</c> it acts for, its <c>roles</c> (e.g.
/// <c>admin</c>; none by default) and its <c>lifetime</c> (<c>"7.00:00:00"</c> by default).
/// </summary>
public sealed record MintTokenRequest(
    [property: Required, StringLength(200, MinimumLength = 1), Display(Name = "subject")] string? Subject,
    [property: Required, Display(Name = "tenant")] string? Tenant,
    IReadOnlyList<string>? Roles = null,
    TimeSpan? Lifetime = null);
