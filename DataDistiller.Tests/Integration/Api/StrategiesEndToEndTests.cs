using System.Net;
using System.Text.Json.Nodes;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed class StrategiesEndToEndTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    [Fact]
    public async Task ListStrategies_AsAdmin_ListsEveryBuiltInStrategyAndMarksTheDefault()
    {
        // Act
        using var response = await api.Client.Http.GetAsync("/api/v2/admin/strategies", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var strategies = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsArray();
        Assert.Equal(
            ["bm25@1", "dense@1", "hybrid-normalized@1", "hybrid-rerank@1", "hybrid-rrf@1"],
            strategies.Select(s => s!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var byDefault = Assert.Single(strategies, s => s!["isDefault"]!.GetValue<bool>());
        Assert.Equal("hybrid-rerank@1", byDefault!["id"]!.GetValue<string>());
        Assert.True(byDefault["rerank"]!.GetValue<bool>());
        Assert.Equal("normalized", byDefault["fusion"]!.GetValue<string>());
        Assert.Equal(20, byDefault["denseTopK"]!.GetValue<int>());
    }
}
