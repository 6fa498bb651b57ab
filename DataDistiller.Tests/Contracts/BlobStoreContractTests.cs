using System.Security.Cryptography;
using System.Text;
using DataDistiller.Core.Ports;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Contracts;

/// <summary>The behaviour every <see cref="IBlobStore"/> adapter must have; one derived class per adapter runs it.</summary>
public abstract class BlobStoreContractTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected IBlobStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync(_ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A store on empty storage.</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Put_ThenOpen_ReturnsTheBytesWithSizeAndSha256()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("hello blob");

        // Act
        var stored = await Store.PutAsync("tenant/c/doc", new MemoryStream(bytes), _ct);
        var read = await ReadAllAsync("tenant/c/doc");

        // Assert
        Assert.Equal(new StoredBlob("tenant/c/doc", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), stored);
        Assert.Equal(bytes, read);
    }

    [Fact]
    public async Task Put_LargeNonSeekableStream_RoundTripsWithTheRightSha256()
    {
        // Arrange: 20 MB arriving like a request body, with no length up front
        var bytes = new byte[20 * 1024 * 1024];
        new Random(42).NextBytes(bytes);

        // Act
        var stored = await Store.PutAsync("c/large", new NonSeekableStream(new MemoryStream(bytes)), _ct);
        var read = await ReadAllAsync("c/large");

        // Assert
        Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), (stored.SizeBytes, stored.Sha256));
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(read));
    }

    [Fact]
    public async Task Put_LargeSeekableStreamFromAnOffset_StoresTheRemainder()
    {
        // Arrange: 12 MB, more than one multipart part, read from 1 MB in
        var bytes = new byte[12 * 1024 * 1024];
        new Random(7).NextBytes(bytes);
        var source = new MemoryStream(bytes) { Position = 1024 * 1024 };
        var expected = bytes.AsSpan(1024 * 1024).ToArray();

        // Act
        var stored = await Store.PutAsync("c/offset", source, _ct);
        var read = await ReadAllAsync("c/offset");

        // Assert
        Assert.Equal((expected.LongLength, Convert.ToHexStringLower(SHA256.HashData(expected))), (stored.SizeBytes, stored.Sha256));
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(read));
    }

    [Fact]
    public async Task Put_SameKeyAgain_ReplacesTheContent()
    {
        // Arrange
        await Store.PutAsync("c/doc", new MemoryStream([1, 2, 3]), _ct);

        // Act
        var stored = await Store.PutAsync("c/doc", new MemoryStream([4, 5]), _ct);

        // Assert
        Assert.Equal(2, stored.SizeBytes);
        Assert.Equal([4, 5], await ReadAllAsync("c/doc"));
    }

    [Fact]
    public async Task Put_EmptyContent_StoresAnEmptyBlob()
    {
        var stored = await Store.PutAsync("c/empty", new MemoryStream(), _ct);

        Assert.Equal((0L, Convert.ToHexStringLower(SHA256.HashData([]))), (stored.SizeBytes, stored.Sha256));
        Assert.Empty(await ReadAllAsync("c/empty"));
    }

    [Fact]
    public async Task Open_WhenMissing_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync("nope", _ct));
    }

    [Fact]
    public async Task Delete_RemovesTheBlob_AndDeletingAgainIsNoError()
    {
        // Arrange
        await Store.PutAsync("c/doc", new MemoryStream([1]), _ct);

        // Act
        await Store.DeleteAsync("c/doc", _ct);
        await Store.DeleteAsync("c/doc", _ct);
        await Store.DeleteAsync("c/never-written", _ct);

        // Assert
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync("c/doc", _ct));
    }

    private async Task<byte[]> ReadAllAsync(string key)
    {
        await using var read = await Store.OpenReadAsync(key, _ct);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, _ct);
        return copy.ToArray();
    }
}
