using System.Security.Claims;
using DataDistiller.Endpoints.Security;
using Xunit;

namespace DataDistiller.Tests.Unit.Security;

public sealed class CallerTenantTests
{
    [Fact]
    public void Collection_ForATenant_IsStoredUnderTheQualifiedKey()
    {
        Assert.Equal("acme.research", CallerTenant.Collection(User("acme"), "research").Key);
        Assert.Equal("research", CallerTenant.Collection(User("default"), "research").Key);
    }

    [Fact]
    public void Of_WithoutATenantClaim_ThrowsInsteadOfFallingBackToTheDefaultTenant()
    {
        Assert.Throws<InvalidOperationException>(() => CallerTenant.Of(User()));
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("a.b")]
    [InlineData("")]
    public void TryOf_WithAnInvalidTenant_ReturnsFalse(string tenant)
    {
        Assert.False(CallerTenant.TryOf(User(tenant), out _));
    }

    [Fact]
    public void TryOf_WithTwoTenantClaims_ReturnsFalse()
    {
        Assert.False(CallerTenant.TryOf(User("acme", "globex"), out _));
    }

    [Fact]
    public void TryOf_WhenNotAuthenticated_ReturnsFalseEvenWithAClaim()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CallerTenant.ClaimType, "acme")]));

        Assert.False(CallerTenant.TryOf(anonymous, out _));
    }

    [Fact]
    public void Owns_AKey_IsTrueOnlyForTheTenantsOwnKeys()
    {
        Assert.True(CallerTenant.Owns(User("acme"), "acme.research"));
        Assert.False(CallerTenant.Owns(User("acme"), "research"));
        Assert.False(CallerTenant.Owns(User("default"), "acme.research"));
    }

    private static ClaimsPrincipal User(params string[] tenants) =>
        new(new ClaimsIdentity(tenants.Select(t => new Claim(CallerTenant.ClaimType, t)), authenticationType: "Bearer"));
}
