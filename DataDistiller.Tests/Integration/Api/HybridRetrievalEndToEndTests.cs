using System.Text;
using System.Text.Json.Nodes;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>Why hybrid: each leg finds what the other misses, and the fused list keeps both (real model, real indexes).</summary>
public sealed class HybridRetrievalEndToEndTests(HybridRetrievalEndToEndTests.Corpus corpus) : IClassFixture<HybridRetrievalEndToEndTests.Corpus>
{
    private const string Collection = "e2e-hybrid";
    private const string RareIdentifier = "QX7-4471";
    private const string RareQuestion = "pump repair QX7-4471";
    private const string ParaphraseQuestion = "Why do cats like to sleep in sunny spots?";

    [Fact]
    public async Task Search_RareIdentifier_IsFoundByBm25AndKeptByHybrid()
    {
        var bm25 = await corpus.Api.Client.SearchAsync(RareQuestion, Collection, k: 5, strategy: "bm25@1");
        var dense = await corpus.Api.Client.SearchAsync(RareQuestion, Collection, k: 5, strategy: "dense@1");
        var hybrid = await corpus.Api.Client.SearchAsync(RareQuestion, Collection, k: 5, strategy: "hybrid-rrf@1");

        Assert.Equal("ticket-4471.txt", FileName(bm25[0]));
        Assert.NotEqual("ticket-4471.txt", FileName(dense[0]));
        Assert.Contains("ticket-4471.txt", hybrid.Select(FileName));
    }

    [Fact]
    public async Task Search_Paraphrase_IsFoundByDenseAndKeptByHybrid()
    {
        var bm25 = await corpus.Api.Client.SearchAsync(ParaphraseQuestion, Collection, k: 20, strategy: "bm25@1");
        var dense = await corpus.Api.Client.SearchAsync(ParaphraseQuestion, Collection, k: 5, strategy: "dense@1");
        var hybrid = await corpus.Api.Client.SearchAsync(ParaphraseQuestion, Collection, k: 5, strategy: "hybrid-rrf@1");

        Assert.Equal("felines.txt", FileName(dense[0]));
        Assert.DoesNotContain("felines.txt", bm25.Select(FileName));
        Assert.Contains("felines.txt", hybrid.Select(FileName));
    }

    [Fact]
    public async Task Search_ReportsTheStrategyAndReRankerThatServed()
    {
        var fused = await corpus.Api.Client.SearchResponseAsync(ParaphraseQuestion, Collection, 5, "hybrid-rrf@1");
        var reranked = await corpus.Api.Client.SearchResponseAsync(ParaphraseQuestion, Collection, 5, null);

        Assert.Equal("hybrid-rrf@1", fused["strategy"]!.GetValue<string>());
        Assert.Null(fused["reranker"]);
        Assert.Equal("hybrid-rerank@1", reranked["strategy"]!.GetValue<string>());
        Assert.StartsWith("embedded-sentences", reranked["reranker"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(reranked["hits"]!.AsArray(), h => Assert.NotNull(h!["rerank"]));
    }

    [Fact]
    public async Task Search_UnknownStrategy_Returns400ProblemNamingTheKnownOnes()
    {
        using var response = await corpus.Api.Factory.CreateClient().PostAsync(
            "/api/v2/search", new StringContent("""{"question":"q","strategy":"magic@7"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await DocumentsClient.ReadJsonAsync(response);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("hybrid-rerank@1", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string FileName(JsonNode? hit) => hit!["fileName"]!.GetValue<string>();

    /// <summary>One document per file, each a single chunk, ingested once for the class.</summary>
    public sealed class Corpus : IAsyncLifetime
    {
        private static readonly (string File, string Text)[] s_documents =
        [
            // Only the identifier ties this one to the question: meaning points at the pump tickets below.
            ("ticket-4471.txt", $"Catering invoice {RareIdentifier} for the spring picnic was paid in full."),
            ("pump-seal.txt", "The pump repair ticket was closed after the seal was replaced."),
            ("pump-valve.txt", "The pump repair ticket was closed after the valve was cleaned."),
            ("pump-motor.txt", "The pump repair ticket was closed after the motor was rewired."),
            ("felines.txt", "Felines enjoy dozing where sunshine warms the floorboards."),
            ("dogs.txt", "Dogs like to sleep in the kitchen near the stove."),
            ("spots.txt", "Why do leopards have spots? Spots help them hide in tall grass."),
            ("sunny.txt", "Sunny weather is forecast for the coast, so tourists like to visit."),
        ];

        public EmbeddedApiFixture Api { get; } = new();

        public async ValueTask InitializeAsync()
        {
            foreach (var (file, text) in s_documents)
            {
                await Api.Client.WaitUntilIndexedAsync(await Api.Client.UploadAsync(file, Encoding.UTF8.GetBytes(text), Collection));
            }
        }

        public ValueTask DisposeAsync()
        {
            Api.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
