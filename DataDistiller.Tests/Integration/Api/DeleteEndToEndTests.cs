using System.Net;
using System.Text;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Infrastructure.Resilience;
using DataDistiller.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DataDistiller.Tests.Integration.Api;

/// <summary>
/// DELETE of a document and of a collection through HTTP on the embedded host, checked in every store directly:
/// blob, job rows, chunk rows, FTS5 entries and in-memory vectors.
/// </summary>
public sealed class DeleteEndToEndTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeleteDocument_WhenIndexed_Returns204AndLeavesNothingInAnyStore()
    {
        // Arrange
        var id = await api.Client.UploadAsync("walrus.txt", Encoding.UTF8.GetBytes("Walruses haul out on sea ice to rest between dives."), "del-one");
        await api.Client.WaitUntilIndexedAsync(id);
        var blobKey = (await api.Factory.Services.GetRequiredService<IJobStore>().GetAsync(id, _ct))!.BlobKey;
        Assert.NotEmpty(await api.Client.SearchAsync("walruses sea ice", "del-one"));

        // Act
        using var deleted = await api.Client.Http.DeleteAsync($"/api/v2/documents/{id}", _ct);
        using var again = await api.Client.Http.DeleteAsync($"/api/v2/documents/{id}", _ct);
        using var status = await api.Client.Http.GetAsync($"/api/v2/documents/{id}", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        await AssertGoneAsync(api.Factory, id, blobKey, "del-one", "walruses");
    }

    [Fact]
    public async Task DeleteDocument_WhenUnknown_Returns404Problem()
    {
        // Act
        using var response = await api.Client.Http.DeleteAsync($"/api/v2/documents/{Guid.CreateVersion7()}", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task DeleteCollection_RemovesEveryDocumentOfItAndNoOther()
    {
        // Arrange
        var first = await api.Client.UploadAsync("a.txt", Encoding.UTF8.GetBytes("Narwhal tusks are elongated teeth."), "del-coll");
        var second = await api.Client.UploadAsync("b.txt", Encoding.UTF8.GetBytes("Narwhals winter under dense pack ice."), "del-coll");
        var kept = await api.Client.UploadAsync("c.txt", Encoding.UTF8.GetBytes("Narwhal pods in another collection stay."), "del-keep");
        foreach (var id in new[] { first, second, kept })
        {
            await api.Client.WaitUntilIndexedAsync(id);
        }

        var jobs = api.Factory.Services.GetRequiredService<IJobStore>();
        var blobKeys = new[] { (await jobs.GetAsync(first, _ct))!.BlobKey, (await jobs.GetAsync(second, _ct))!.BlobKey };

        // Act
        using var deleted = await api.Client.Http.DeleteAsync("/api/v2/collections/del-coll", _ct);
        using var invalid = await api.Client.Http.DeleteAsync("/api/v2/collections/Not%20Valid", _ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await AssertGoneAsync(api.Factory, first, blobKeys[0], "del-coll", "narwhal");
        await AssertGoneAsync(api.Factory, second, blobKeys[1], "del-coll", "narwhals");
        Assert.Equal("indexed", (await api.Client.StatusAsync(kept))["status"]!.GetValue<string>());
        Assert.NotEmpty(await api.Client.SearchAsync("narwhal pods", "del-keep"));
    }

    [Fact]
    public async Task DeleteDocument_WhileItIsBeingEmbedded_NoLateChunkReappears()
    {
        // Arrange: one chunk per model call on a fake embedder whose gate holds the document's first chunk inside the call
        using var dir = new TempDirectory();
        var embedder = new GatedEmbeddingGenerator(gatedWord: "tide");
        await using var host = new EmbeddedApiFactory(dir.Path, new Dictionary<string, string?>
        {
            ["DataDistiller:Ingestion:EmbedBatchSize"] = "1",
            // One loop handles messages in turn, which the sentinel below relies on (the default is two).
            ["DataDistiller:Ingestion:EmbedderConcurrency"] = "1",
            ["DataDistiller:Chunking:MaxTokens"] = "24",
            ["DataDistiller:Chunking:OverlapTokens"] = "4",
        });
        await using var gated = host.WithEmbedder(embedder);
        var client = new DocumentsClient(gated.CreateClient());
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Sentence {i} records the tide height at station {i * 7}."));
        embedder.Close();
        var id = await client.UploadAsync("tides.txt", Encoding.UTF8.GetBytes(text), "del-late");
        await embedder.Blocked.WaitAsync(DocumentsClient.IngestTimeout, _ct);
        var blobKey = (await gated.Services.GetRequiredService<IJobStore>().GetAsync(id, _ct))!.BlobKey;

        // Act: delete while a chunk is inside the model call, then let it finish
        using var deleted = await client.Http.DeleteAsync($"/api/v2/documents/{id}", _ct);
        embedder.Open();

        // The single embedder loop handles messages in turn, so a later document indexed means the held chunk was handled.
        await client.WaitUntilIndexedAsync(await client.UploadAsync("sentinel.txt", Encoding.UTF8.GetBytes("A sentinel after the delete."), "del-sentinel"));

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertGoneAsync(gated, id, blobKey, "del-late", "tide");
    }

    private async Task AssertGoneAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, Guid id, string blobKey, string collection, string word)
    {
        var services = host.Services;
        var jobs = services.GetRequiredService<IJobStore>();
        var index = (LocalChunkIndex)services.GetRequiredKeyedService<IChunkIndex>(ResilienceHostingExtensions.InnerKey);
        Assert.Null(await jobs.GetAsync(id, _ct));
        Assert.Empty(await jobs.GetDoneChunksAsync(id, _ct));
        await Assert.ThrowsAsync<FileNotFoundException>(() => services.GetRequiredService<IBlobStore>().OpenReadAsync(blobKey, _ct));
        Assert.Empty(await index.GetDocumentChunksAsync(id, _ct));
        Assert.Empty(await index.SearchKeywordAsync(collection, word, 50, _ct));
        var dataDirectory = EmbeddedHostingExtensions.DataDirectory(services);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, LocalChunkIndex.FileName)};Mode=ReadOnly");
        await connection.OpenAsync(_ct);
        await using var rows = connection.CreateCommand();
        rows.CommandText = "SELECT count(*) FROM chunks WHERE document_id = $id";
        rows.Parameters.AddWithValue("$id", id.ToString());
        Assert.Equal(0L, (long)(await rows.ExecuteScalarAsync(_ct))!);
        await using var fts = connection.CreateCommand();
        fts.CommandText = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH $word AND collection = $collection";
        fts.Parameters.AddWithValue("$word", word);
        fts.Parameters.AddWithValue("$collection", collection);
        Assert.Equal(0L, (long)(await fts.ExecuteScalarAsync(_ct))!);
        Assert.Equal(0, index.InMemoryVectorCount(collection));
    }
}
