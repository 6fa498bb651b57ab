using System.Security.Cryptography;
using System.Text;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class FolderBlobStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Put_ThenOpen_ReturnsTheBytesWithSizeAndSha256()
    {
        // Arrange
        var store = new FolderBlobStore(_dir.Path);
        var bytes = Encoding.UTF8.GetBytes("hello blob");

        // Act
        var stored = await store.PutAsync("c/doc", new MemoryStream(bytes), _ct);
        await using var read = await store.OpenReadAsync("c/doc", _ct);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, _ct);

        // Assert
        Assert.Equal(bytes.Length, stored.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("c/../../x")]
    public async Task Put_WithAKeyOutsideTheFolder_Refuses(string key)
    {
        var store = new FolderBlobStore(_dir.File("blobs"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream([1]), _ct));
    }

    [Fact]
    public async Task Open_WhenMissing_ThrowsFileNotFound()
    {
        var store = new FolderBlobStore(_dir.Path);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync("nope", _ct));
    }
}
