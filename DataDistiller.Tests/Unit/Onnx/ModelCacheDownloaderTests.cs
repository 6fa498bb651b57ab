using System.Security.Cryptography;
using DataDistiller.Infrastructure.Onnx;
using DataDistiller.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace DataDistiller.Tests.Unit.Onnx;

public sealed class ModelCacheDownloaderTests : IAsyncLifetime
{
    private static readonly byte[] s_artefact = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31))];

    private readonly TempDirectory _cache = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private FakeHttpServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await FakeHttpServer.StartAsync(
            app =>
            {
                app.MapGet("/models/model.bin", () => Results.Bytes(s_artefact, "application/octet-stream"));
                app.MapGet("/models/{file}", (string file) => Path.Combine(_cache.Path, "source", file) is var path && File.Exists(path) ? Results.File(path) : Results.NotFound());
            },
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _services.DisposeAsync();
        _cache.Dispose();
    }

    [Fact]
    public async Task DownloadAsync_WhenSizeAndHashMatch_MovesFileIntoCache()
    {
        // Arrange
        var file = Download(s_artefact.LongLength, Convert.ToHexString(SHA256.HashData(s_artefact)));

        // Act
        var downloaded = await CreateDownloader().DownloadAsync(file, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(downloaded);
        Assert.Equal(s_artefact, await File.ReadAllBytesAsync(file.Destination, TestContext.Current.CancellationToken));
        Assert.Equal(["model.onnx"], CacheFiles());
    }

    [Fact]
    public async Task DownloadAsync_WhenHashDiffers_DeletesTemporaryFileAndThrows()
    {
        // Arrange
        var file = Download(expectedSha256: new string('0', 64));

        // Act
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => CreateDownloader().DownloadAsync(file, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Empty(CacheFiles());
    }

    [Fact]
    public async Task DownloadAsync_WhenSizeDiffers_DeletesTemporaryFileAndThrows()
    {
        // Arrange
        var file = Download(expectedBytes: s_artefact.Length + 1);

        // Act
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => CreateDownloader().DownloadAsync(file, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains($"{s_artefact.Length} bytes where {s_artefact.Length + 1} were expected", error.Message, StringComparison.Ordinal);
        Assert.Empty(CacheFiles());
    }

    [Fact]
    public async Task DownloadAsync_WhenAlreadyCached_DoesNotDownloadAgain()
    {
        // Arrange
        var downloader = CreateDownloader();
        var file = Download();
        await downloader.DownloadAsync(file, TestContext.Current.CancellationToken);

        // Act
        var downloadedAgain = await downloader.DownloadAsync(file, TestContext.Current.CancellationToken);

        // Assert
        Assert.False(downloadedAgain);
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task DownloadAsync_WhenServerAnswers404_ThrowsNamingTheUrl()
    {
        // Arrange
        var file = new ModelFileDownload(new Uri(_server.BaseAddress, "models/missing.onnx"), Path.Combine(_cache.Path, "models", "model.onnx"));

        // Act
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => CreateDownloader().DownloadAsync(file, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("missing.onnx", error.Message, StringComparison.Ordinal);
        Assert.Empty(CacheFiles());
    }

    [Fact]
    public async Task ScoreAsync_WhenDownloadEnabled_FetchesTheModelIntoTheCacheOnFirstUse()
    {
        // Arrange: the fake server serves the tiny cross-encoder, as Hugging Face serves the real one
        TestCrossEncoder.WriteTo(Directory.CreateDirectory(Path.Combine(_cache.Path, "source")).FullName);
        var cache = Path.Combine(_cache.Path, "models", "tiny");
        var options = new OnnxRerankerOptions { Download = true, ModelName = "tiny", BaseUrl = new Uri(_server.BaseAddress, "models"), ModelFile = "model.onnx" };
        using var reranker = new OnnxCrossEncoderReranker(options, new RerankerModelSource(options, cache, CreateDownloader()));

        // Act
        var scores = await reranker.ScoreAsync(RerankCandidates.For("a cat", "dog"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([TestCrossEncoder.Id("dog") + TestCrossEncoder.SepId], scores);
        Assert.Equal(["model.onnx", "vocab.txt"], Directory.GetFiles(cache).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private ModelCacheDownloader CreateDownloader() =>
        new(_services.GetRequiredService<IHttpClientFactory>(), NullLogger<ModelCacheDownloader>.Instance);

    private ModelFileDownload Download(long? expectedBytes = null, string? expectedSha256 = null) =>
        new(new Uri(_server.BaseAddress, "models/model.bin"), Path.Combine(_cache.Path, "models", "model.onnx"), expectedBytes, expectedSha256);

    private string?[] CacheFiles()
    {
        var folder = Path.Combine(_cache.Path, "models");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName)] : [];
    }
}
