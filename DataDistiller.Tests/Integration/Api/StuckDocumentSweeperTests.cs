using System.Text;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Ports;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed class StuckDocumentSweeperTests
{
    private static readonly Dictionary<string, string?> s_fastSweep = new()
    {
        ["DataDistiller:Sweeper:Interval"] = "00:00:00.200",
        ["DataDistiller:Sweeper:StuckAfter"] = "00:00:01",
    };

    [Fact]
    public async Task Sweeper_WhenSplitRequestsWereLost_RepublishesThemAndTheDocumentsEndIndexed()
    {
        // Arrange: job rows whose messages never reached the bus (a crash between the row and the publish)
        using var dir = new TempDirectory();
        await using var factory = new EmbeddedApiFactory(dir.Path, s_fastSweep);
        var client = new DocumentsClient(factory.CreateClient());
        var jobs = factory.Services.GetRequiredService<IJobStore>();
        var blobs = factory.Services.GetRequiredService<IBlobStore>();
        var ct = TestContext.Current.CancellationToken;
        var accepted = await WriteWithoutPublishingAsync(jobs, blobs, "Kelp forests grow up to half a metre a day.", ct);
        var splitting = await WriteWithoutPublishingAsync(jobs, blobs, "Sea otters anchor themselves in kelp while they sleep.", ct);
        await jobs.TryStartSplittingAsync(splitting, ct);

        // Act
        var first = await client.WaitUntilIndexedAsync(accepted);
        var second = await client.WaitUntilIndexedAsync(splitting);

        // Assert
        var index = factory.Services.GetRequiredService<IChunkIndex>();
        foreach (var (id, status) in new[] { (accepted, first), (splitting, second) })
        {
            var total = status["chunksTotal"]!.GetValue<int>();
            var chunks = await index.GetDocumentChunksAsync(id, ct);
            Assert.Equal(Enumerable.Range(0, total), chunks.Select(c => c.Ordinal));
        }
    }

    [Fact]
    public async Task Sweep_WhenDocumentsWaitBehindABusyEmbedderForLongerThanStuckAfter_RepublishesNone()
    {
        // Arrange: the embedder holds the first document's chunks in flight; three more queue behind them
        using var dir = new TempDirectory();
        var embedder = new GatedEmbeddingGenerator(gatedWord: "barnacle");
        await using var host = new EmbeddedApiFactory(dir.Path, new Dictionary<string, string?>
        {
            ["DataDistiller:Sweeper:Enabled"] = "false",
            ["DataDistiller:Sweeper:StuckAfter"] = "00:00:01",
        });
        await using var gated = host.WithEmbedder(embedder);
        var client = new DocumentsClient(gated.CreateClient());
        var ct = TestContext.Current.CancellationToken;
        embedder.Close();
        var ids = new List<Guid> { await client.UploadAsync("first.txt", Encoding.UTF8.GetBytes("Barnacles cement themselves head first to rocks.")) };
        await embedder.Blocked;
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.UploadAsync($"queued-{i}.txt", Encoding.UTF8.GetBytes($"Barnacle larvae number {i} drift before they settle.")));
        }

        // The sweeper's clock is ten minutes on: every document has gone far longer than StuckAfter without a change.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10));
        var sweeper = ActivatorUtilities.CreateInstance<StuckDocumentSweeper>(gated.Services, (TimeProvider)later);

        // Act
        var swept = await sweeper.SweepAsync(ct);
        embedder.Open();
        foreach (var id in ids)
        {
            await client.WaitUntilIndexedAsync(id);
        }

        var sweptAfterDrain = await sweeper.SweepAsync(ct);

        // Assert: their work was waiting in the queue, not lost
        Assert.Equal(0, swept);
        Assert.Equal(0, sweptAfterDrain);
    }

    private static async Task<Guid> WriteWithoutPublishingAsync(IJobStore jobs, IBlobStore blobs, string text, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(now);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var blob = await blobs.PutAsync($"default/{id:N}", content, ct);
        return await TestDocuments.CreateAcceptedAsync(jobs, id, now, "lost.txt", ct, blob);
    }
}
