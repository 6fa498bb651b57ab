using System.Collections.Concurrent;
using System.Text;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>Hosts stopped mid-ingestion, gracefully and abruptly, then restarted on the same data directory.</summary>
public sealed class HostStopTests
{
    private static readonly TimeSpan s_embedDelay = TimeSpan.FromMilliseconds(40);

    [Fact]
    public async Task Pipeline_WhenHostIsKilledMidDocument20Times_LosesNothingAndDuplicatesNothing()
    {
        // Arrange: no shutdown grace, so each stop cuts the chunks in flight off like a kill would
        const int Kills = 20;
        using var dir = new TempDirectory();
        var embedded = new ConcurrentDictionary<string, int>();
        var settings = Settings(grace: "00:00:00");
        var ids = new List<Guid>();
        var doneAtKill = new List<int>();

        // Act
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var host = Build(dir, settings, embedded);
            var client = new DocumentsClient(host.CreateClient());
            if (kill < 3)
            {
                // A new document on each of the first starts: some die accepted or splitting, not only embedding.
                ids.Add(await client.UploadAsync($"tides-{kill}.txt", Encoding.UTF8.GetBytes(Text(kill, 120))));
            }

            var before = await DoneAsync(host, ids);
            await Eventually.ReturnsAsync(() => DoneAsync(host, ids), done => done >= before + 2, DocumentsClient.IngestTimeout, "two more chunks");
            doneAtKill.Add(await DoneAsync(host, ids));
        }

        await using var last = Build(dir, settings, embedded);
        var restarted = new DocumentsClient(last.CreateClient());
        var ct = TestContext.Current.CancellationToken;
        var jobs = last.Services.GetRequiredService<IJobStore>();
        var index = last.Services.GetRequiredService<IChunkIndex>();
        var lost = 0;
        var duplicates = 0;
        var chunksTotal = 0;
        foreach (var id in ids)
        {
            var status = await restarted.WaitUntilEndedAsync(id);
            var document = (await jobs.GetAsync(id, ct))!;
            var total = document.ChunksTotal ?? 0;
            var chunks = await index.GetDocumentChunksAsync(id, ct);
            var done = await jobs.GetDoneChunksAsync(id, ct);
            chunksTotal += total;
            lost += total - chunks.Select(c => c.Ordinal).Distinct().Count() + (status["status"]!.GetValue<string>() == "indexed" ? 0 : 1);
            duplicates += chunks.Count - chunks.Select(c => c.Ordinal).Distinct().Count();
            Assert.Equal(DocumentStatus.Indexed, document.Status);
            Assert.Equal(Enumerable.Range(0, total), chunks.Select(c => c.Ordinal).Order());
            Assert.Equal(Enumerable.Range(0, total), done.Order());
            Assert.Equal(total, document.ChunksDone);
        }

        var stuck = (await jobs.ListAsync(new DocumentQuery(null, null, 1, 100), ct)).Items.Count(d => d.Status is not DocumentStatus.Indexed);
        var reembedded = embedded.Where(e => e.Key.Contains("station", StringComparison.Ordinal)).Sum(e => e.Value - 1);

        // Assert
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"kills: {Kills}; documents: {ids.Count}; chunks: {chunksTotal}; lost: {lost}; stuck: {stuck}; duplicate chunks: {duplicates}; " +
            $"chunks re-embedded after a kill (work redone, not stored twice): {reembedded}; chunks done at each kill: {string.Join(",", doneAtKill)}");
        Assert.Equal((0, 0, 0), (lost, stuck, duplicates));
        Assert.True(doneAtKill[^1] < chunksTotal, $"All {chunksTotal} chunks were done before the last kill; nothing was in flight.");
    }

    [Fact]
    public async Task Pipeline_WhenHostStopsGracefullyDuringIngestion_FinishesAfterRestartWithEveryChunkEmbeddedOnce()
    {
        // Arrange
        using var dir = new TempDirectory();
        var embedded = new ConcurrentDictionary<string, int>();
        var settings = Settings(grace: "00:00:10");
        Guid id;
        int doneAtStop;
        await using (var first = Build(dir, settings, embedded))
        {
            var client = new DocumentsClient(first.CreateClient());
            id = await client.UploadAsync("tides.txt", Encoding.UTF8.GetBytes(Text(0, 80)));
            await Eventually.ReturnsAsync(() => DoneAsync(first, [id]), done => done >= 3, DocumentsClient.IngestTimeout, "the first chunks");

            // Act: host stop (what SIGTERM does) while the rest is queued or being embedded
        }

        var left = (await new SqliteJobStore(new EmbeddedDatabase(Path.Combine(dir.Path, EmbeddedDatabase.FileName)), TimeProvider.System)
            .GetAsync(id, TestContext.Current.CancellationToken))!;
        doneAtStop = left.ChunksDone;
        await using var second = Build(dir, settings, embedded);
        var status = await new DocumentsClient(second.CreateClient()).WaitUntilIndexedAsync(id);
        var chunks = await second.Services.GetRequiredService<IChunkIndex>().GetDocumentChunksAsync(id, TestContext.Current.CancellationToken);

        // Assert: the batch in flight at the stop was finished and committed, so no chunk was embedded twice
        var total = status["chunksTotal"]!.GetValue<int>();
        var embeddedTwice = embedded.Count(e => e.Key.Contains("station", StringComparison.Ordinal) && e.Value > 1);
        TestContext.Current.TestOutputHelper?.WriteLine($"graceful stop at {doneAtStop} of {total} chunks; after restart {chunks.Count} chunks; embedded twice: {embeddedTwice}");
        Assert.True(doneAtStop >= 3 && doneAtStop < total, $"The host stopped with {doneAtStop} of {total} chunks done; nothing was in flight.");
        Assert.Equal(Enumerable.Range(0, total), chunks.Select(c => c.Ordinal));
        Assert.Equal(0, embeddedTwice);
    }

    private static Dictionary<string, string?> Settings(string grace) => new()
    {
        // One chunk per model call and small chunks, so a stop always finds chunks queued or in flight.
        ["DataDistiller:Ingestion:EmbedBatchSize"] = "1",
        ["DataDistiller:Ingestion:ShutdownGrace"] = grace,
        ["DataDistiller:Chunking:MaxTokens"] = "24",
        ["DataDistiller:Chunking:OverlapTokens"] = "4",
    };

    private static string Text(int document, int sentences) =>
        string.Join(' ', Enumerable.Range(0, sentences).Select(i => $"Log {document} sentence {i} records the tide height at station {i * 7}."));

    private static WebApplicationFactory<Program> Build(TempDirectory dir, Dictionary<string, string?> settings, ConcurrentDictionary<string, int> embedded) =>
        new EmbeddedApiFactory(dir.Path, settings).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            AdapterWrapping.Wrap<IEmbeddingGenerator<string, Embedding<float>>>(services, inner => new SlowEmbeddingGenerator(inner, s_embedDelay, embedded))));

    private static async Task<int> DoneAsync(WebApplicationFactory<Program> host, IEnumerable<Guid> ids)
    {
        var jobs = host.Services.GetRequiredService<IJobStore>();
        var done = 0;
        foreach (var id in ids)
        {
            done += (await jobs.GetAsync(id, TestContext.Current.CancellationToken))?.ChunksDone ?? 0;
        }

        return done;
    }
}
