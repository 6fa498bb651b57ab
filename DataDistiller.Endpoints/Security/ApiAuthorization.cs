namespace DataDistiller.Endpoints.Security;

/// <summary>Policy names for <c>RequireAuthorization</c>; every other route gets the fallback policy (a valid tenant claim).</summary>
public static class ApiAuthorization
{
    public const string AdminPolicy = "admin";

    /// <summary>Requires the operator role on a group, such as the <c>/api/v2/admin/*</c> ones.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(AdminPolicy);
}
