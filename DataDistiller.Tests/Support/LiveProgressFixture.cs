using System.Collections.Concurrent;
using DataDistiller.Core.Ports;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataDistiller.Tests.Support;

/// <summary>
/// An embedded Api host for live progress tests: small chunks embedded two per call by a fake embedder slowed a little,
/// so a document takes many batches and its progress is seen rising; a gate on the splitter's first step keeps a
/// document "accepted" until a test follows it.
/// </summary>
public sealed class LiveProgressFixture : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbeddedApiFactory _factory;

    public LiveProgressFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    private LiveProgressFixture(IReadOnlyDictionary<string, string?> settings)
    {
        _factory = new EmbeddedApiFactory(_dir.Path, new Dictionary<string, string?>(settings)
        {
            ["DataDistiller:Ingestion:EmbedBatchSize"] = "2",
            ["DataDistiller:Chunking:MaxTokens"] = "24",
            ["DataDistiller:Chunking:OverlapTokens"] = "4",
        });
        Host = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IEmbeddingGenerator<string, Embedding<float>>>();
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
                new SlowEmbeddingGenerator(new FakeEmbeddingGenerator(), TimeSpan.FromMilliseconds(20), new ConcurrentDictionary<string, int>()));
            SplittingGate.InjectInto<IJobStore>(services);
        }));
        Client = new DocumentsClient(Host.CreateClient());
    }

    public WebApplicationFactory<Program> Host { get; }

    public DocumentsClient Client { get; }

    /// <summary>A WebSocket client of the host, signed in with its admin token (tenant default) unless given another.</summary>
    public Task<LiveProgressClient> ConnectAsync(string? token = null) =>
        LiveProgressClient.ConnectAsync(Host, token ?? TestTokens.Admin(_dir.Path));

    /// <summary>While closed, no document leaves "accepted".</summary>
    public PortGate SplittingGate { get; } = new(nameof(IJobStore.TryStartSplittingAsync));

    /// <summary>With extra settings, e.g. <c>ConnectionStrings:postgres</c> for the distributed job store and events.</summary>
    public static LiveProgressFixture With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>A text of about 20 chunks at 24 tokens each.</summary>
    public static byte[] LongText(string word) =>
        System.Text.Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Range(0, 40).Select(i => $"Sentence {i} notes the {word} at station {i * 7}.")));

    public async ValueTask DisposeAsync()
    {
        SplittingGate.Open();
        await Host.DisposeAsync();
        await _factory.DisposeAsync();
        _dir.Dispose();
    }
}
