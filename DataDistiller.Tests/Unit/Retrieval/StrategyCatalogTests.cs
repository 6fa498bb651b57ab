using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Unit.Retrieval;

public sealed class StrategyCatalogTests
{
    [Theory]
    [InlineData(null, "hybrid-rerank@1")]
    [InlineData("", "hybrid-rerank@1")]
    [InlineData("bm25@1", "bm25@1")]
    [InlineData("dense", "dense@1")]
    [InlineData(" hybrid-rrf@1 ", "hybrid-rrf@1")]
    public void Find_ResolvesIdsBareNamesAndTheDefault(string? requested, string expected) =>
        Assert.Equal(expected, Catalog().Find(requested)?.Id);

    [Theory]
    [InlineData("bm25@9")]
    [InlineData("nonsense")]
    public void Find_WhenTheStrategyIsUnknown_ReturnsNull(string requested) => Assert.Null(Catalog().Find(requested));

    [Fact]
    public void Default_FollowsConfiguration() => Assert.Equal("dense@1", Catalog("dense@1").Default.Id);

    [Fact]
    public void Constructor_WhenTheDefaultIsUnknown_Throws() => Assert.Throws<OptionsValidationException>(() => Catalog("missing@1"));

    [Fact]
    public void BuiltIns_HaveUniqueIdsAndTheDocumentedShapes()
    {
        Assert.Equal(RetrievalStrategies.All.Count, RetrievalStrategies.All.Select(s => s.Id).Distinct().Count());
        Assert.False(RetrievalStrategies.Find("bm25@1")!.UseDense);
        Assert.False(RetrievalStrategies.Find("dense@1")!.UseBm25);
        Assert.True(RetrievalStrategies.Find(RetrievalStrategies.DefaultId)!.Rerank);
    }

    private static StrategyCatalog Catalog(string? defaultStrategy = null) =>
        new(Options.Create(new RetrievalOptions { DefaultStrategy = defaultStrategy ?? RetrievalStrategies.DefaultId }));
}
