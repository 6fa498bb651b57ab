using DataDistiller.Core.Documents;
using Xunit;

namespace DataDistiller.Tests.Unit.Core;

public sealed class CollectionAddressTests
{
    [Fact]
    public void Key_DefaultTenant_IsTheBareCollectionName()
    {
        Assert.Equal("papers", new CollectionAddress(CollectionAddress.DefaultTenant, "papers").Key);
    }

    [Fact]
    public void Key_OtherTenant_IsQualified()
    {
        Assert.Equal("acme.papers", new CollectionAddress("acme", "papers").Key);
    }

    [Theory]
    [InlineData("papers", "default", "papers")]
    [InlineData("acme.papers", "acme", "papers")]
    public void FromKey_StoredKey_SplitsIntoTenantAndCollection(string key, string tenant, string collection)
    {
        var parsed = CollectionAddress.FromKey(key);

        Assert.Equal(tenant, parsed.Tenant);
        Assert.Equal(collection, parsed.Collection);
        Assert.Equal(key, parsed.Key);
    }

    [Theory]
    [InlineData("papers", "default", true)]
    [InlineData("papers", "acme", false)]
    [InlineData("acme.papers", "acme", true)]
    [InlineData("acme.papers", "acm", false)]
    [InlineData("acme.papers", "default", false)]
    [InlineData("acmeco.papers", "acme", false)]
    public void IsOwnedBy_Key_OnlyItsTenant(string key, string tenant, bool owned)
    {
        Assert.Equal(owned, CollectionAddress.IsOwnedBy(key, tenant));
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("../etc")]
    public void Constructor_InvalidTenant_Throws(string tenant)
    {
        Assert.Throws<ArgumentException>(() => new CollectionAddress(tenant, "papers"));
    }
}
