using System.Text;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
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

    private static async Task<Guid> WriteWithoutPublishingAsync(IJobStore jobs, IBlobStore blobs, string text, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(now);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var blob = await blobs.PutAsync($"default/{id:N}", content, ct);
        await jobs.EnsureCollectionAsync("default", ct);
        await jobs.CreateAsync(
            new DocumentRecord
            {
                DocumentId = id,
                JobId = Guid.CreateVersion7(now),
                Collection = "default",
                FileName = "lost.txt",
                ContentType = "text/plain",
                BlobKey = blob.Key,
                SizeBytes = blob.SizeBytes,
                Sha256 = blob.Sha256,
                AcceptedAt = now,
                UpdatedAt = now,
            },
            ct);
        return id;
    }
}
