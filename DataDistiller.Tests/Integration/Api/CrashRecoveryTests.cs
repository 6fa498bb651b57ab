using System.Text;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

public sealed class CrashRecoveryTests
{
    // One chunk per model call and small chunks, so the host can be stopped with most chunks still in flight.
    private static readonly Dictionary<string, string?> s_slowSettings = new()
    {
        ["DataDistiller:Ingestion:EmbedBatchSize"] = "1",
        ["DataDistiller:Chunking:MaxTokens"] = "24",
        ["DataDistiller:Chunking:OverlapTokens"] = "4",
    };

    [Fact]
    public async Task Pipeline_WhenHostStopsMidDocument_FinishesAfterRestartWithExactlyTheExpectedChunks()
    {
        // Arrange
        using var dir = new TempDirectory();
        var text = string.Join(' ', Enumerable.Range(0, 80).Select(i => $"Sentence number {i} records the tide height at station {i * 7}."));
        Guid id;
        int doneBeforeStop;
        await using (var first = new EmbeddedApiFactory(dir.Path, s_slowSettings))
        {
            var client = new DocumentsClient(first.CreateClient());
            id = await client.UploadAsync("tides.txt", Encoding.UTF8.GetBytes(text));
            var inFlight = await Eventually.ReturnsAsync(
                () => client.StatusAsync(id),
                s => s["chunksDone"]!.GetValue<int>() >= 3,
                DocumentsClient.IngestTimeout,
                "the first chunks to be embedded");
            _ = inFlight;

            // Act: stop the host while the rest of the chunks are queued or being embedded
        }

        // What the stopped host left behind, read from its files before anything else touches them.
        var left = (await new SqliteJobStore(new EmbeddedDatabase(Path.Combine(dir.Path, EmbeddedDatabase.FileName)), TimeProvider.System)
            .GetAsync(id, TestContext.Current.CancellationToken))!;
        doneBeforeStop = left.ChunksDone;

        await using var second = new EmbeddedApiFactory(dir.Path, s_slowSettings);
        var restarted = new DocumentsClient(second.CreateClient());
        var status = await restarted.WaitUntilIndexedAsync(id);
        var chunks = await second.Services.GetRequiredService<IChunkIndex>().GetDocumentChunksAsync(id, TestContext.Current.CancellationToken);
        var hits = await restarted.SearchAsync("tide height at station 553");

        // Assert
        var total = status["chunksTotal"]!.GetValue<int>();
        Assert.True(doneBeforeStop >= 3 && doneBeforeStop < total, $"The host stopped with {doneBeforeStop} of {total} chunks done; nothing was in flight.");
        Assert.Equal(total, left.ChunksTotal);
        Assert.Equal(total, status["chunksDone"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(0, total), chunks.Select(c => c.Ordinal));
        Assert.Contains(hits, h => h!["text"]!.GetValue<string>().Contains("station 553", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pipeline_AfterRestart_KeepsDocumentsStatusAndBothIndexes()
    {
        // Arrange
        using var dir = new TempDirectory();
        Guid id;
        await using (var first = new EmbeddedApiFactory(dir.Path))
        {
            var client = new DocumentsClient(first.CreateClient());
            id = await client.UploadAsync("owls.txt", Encoding.UTF8.GetBytes("Barn owls swallow their prey whole and cough up pellets."));
            await client.WaitUntilIndexedAsync(id);
        }

        // Act
        await using var second = new EmbeddedApiFactory(dir.Path);
        var restarted = new DocumentsClient(second.CreateClient());
        var status = await restarted.StatusAsync(id);
        var hits = await restarted.SearchAsync("What do barn owls cough up?");

        // Assert
        Assert.Equal("indexed", status["status"]!.GetValue<string>());
        var top = hits[0]!.AsObject();
        Assert.Equal(id, top["documentId"]!.GetValue<Guid>());
        Assert.NotNull(top["dense"]);
        Assert.NotNull(top["bm25"]);
    }

    [Fact]
    public async Task SecondHost_OnTheSameDataDirectory_RefusesToStart()
    {
        // Arrange
        using var dir = new TempDirectory();
        await using var first = new EmbeddedApiFactory(dir.Path);
        first.CreateClient().Dispose();

        // Act
        await using var second = new EmbeddedApiFactory(dir.Path);
        var error = Record.Exception(() => second.CreateClient());

        // Assert
        Assert.NotNull(error);
        Assert.Contains("in use by another DataDistiller process", error.ToString(), StringComparison.Ordinal);
    }
}
