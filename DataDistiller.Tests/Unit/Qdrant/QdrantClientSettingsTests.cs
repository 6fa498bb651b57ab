using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Qdrant;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace DataDistiller.Tests.Unit.Qdrant;

public sealed class QdrantClientSettingsTests
{
    [Fact]
    public void Read_WithAspireConnectionString_TakesEndpointAndKey()
    {
        var configuration = Configuration(new() { ["ConnectionStrings:qdrant"] = "Endpoint=http://qdrant:6334;Key=secret-key" });

        var settings = QdrantClientSettings.Read(configuration, "qdrant");

        Assert.Equal(new Uri("http://qdrant:6334"), settings.Endpoint);
        Assert.Equal("secret-key", settings.Key);
    }

    [Fact]
    public void Read_WithABareUriAndSectionSettings_MergesThem()
    {
        var configuration = Configuration(new()
        {
            ["ConnectionStrings:qdrant"] = "http://localhost:6334",
            ["Aspire:Qdrant:Client:Key"] = "from-section",
            ["Aspire:Qdrant:Client:DisableHealthChecks"] = "true",
        });

        var settings = QdrantClientSettings.Read(configuration, "qdrant");

        Assert.Equal(new Uri("http://localhost:6334"), settings.Endpoint);
        Assert.Equal("from-section", settings.Key);
        Assert.True(settings.DisableHealthChecks);
    }

    [Fact]
    public void ParseConnectionString_WithoutAnAbsoluteEndpoint_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new QdrantClientSettings().ParseConnectionString("Endpoint=qdrant;Key=k"));

    [Fact]
    public void CollectionNames_SeparateModelsAndKeepNamesApart()
    {
        var model = new EmbeddingModelInfo("nomic-embed-text", 768);

        Assert.Equal("dd_docs", QdrantCollectionNames.Alias("docs"));
        Assert.Equal("dd_docs_nomic-embed-text-768", QdrantCollectionNames.Physical("docs", model));
        Assert.NotEqual(QdrantCollectionNames.Alias("My Docs"), QdrantCollectionNames.Alias("my-docs"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
