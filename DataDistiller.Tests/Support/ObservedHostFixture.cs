using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DataDistiller.Tests.Support;

/// <summary>
/// An embedded Api host that has ingested two documents and failed a third (a blank PDF, dead-lettered), then answered
/// one question with a chat model that reports token usage: every instrument has something to show on <c>/metrics</c>.
/// </summary>
public sealed class ObservedHostFixture : IAsyncLifetime
{
    public const string Collection = "observed";
    public const string Question = "What colour was the Quillfeather observatory dome painted?";

    /// <summary>The token counts the chat model reports for the one answer.</summary>
    public static readonly UsageDetails Usage = new() { InputTokenCount = 321, OutputTokenCount = 45 };

    private readonly TempDirectory _dir = new();
    private WebApplicationFactory<Program>? _factory;

    public DocumentsClient Client { get; private set; } = null!;

    /// <summary>Chunks of the two indexed documents, as their status reports them.</summary>
    public int ChunksTotal { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var chat = new FakeChatClient("fake", "The dome was painted cobalt blue [1].") { Usage = Usage };
        var settings = new Dictionary<string, string?> { ["DataDistiller:Ingestion:DeadLetterCountInterval"] = "00:00:00.100" };
        _factory = new EmbeddedApiFactory(_dir.Path, settings)
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IChatClient>(chat)));
        Client = new DocumentsClient(_factory.CreateClient());

        var indexed = new[]
        {
            await Client.UploadAsync("observatory.txt", Encoding.UTF8.GetBytes("The Quillfeather observatory dome was painted cobalt blue in 1904."), Collection),
            await Client.UploadAsync("herons.txt", Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Repeat("Grey herons stand still in shallow water to fish.", 200))), Collection),
        };
        var blank = await Client.UploadAsync("blank.pdf", TestPdf.Build(), Collection);
        foreach (var id in indexed)
        {
            ChunksTotal += (await Client.WaitUntilIndexedAsync(id))["chunksTotal"]!.GetValue<int>();
        }

        Assert.Equal("failed", (await Client.WaitUntilEndedAsync(blank))["status"]!.GetValue<string>());
        using var answer = await Client.Http.PostAsJsonAsync("/api/v2/query", new { question = Question, collection = Collection }, ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    /// <summary>Scrapes until <paramref name="settled"/> holds: commits, the DLQ count and the exporter catch up a moment later.</summary>
    public Task<PrometheusScrape> ScrapeAsync(Func<PrometheusScrape, bool> settled, string what) =>
        Eventually.ReturnsAsync(
            () => PrometheusScrape.ReadAsync(Client.Http, TestContext.Current.CancellationToken), settled, TimeSpan.FromSeconds(30), what);

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _dir.Dispose();
    }
}
