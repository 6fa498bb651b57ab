using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Embedded;
using DataDistiller.Tests.Contracts;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Embedded;

public sealed class FolderBlobStoreTests : BlobStoreContractTests
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public override async ValueTask DisposeAsync()
    {
        _dir.Dispose();
        await base.DisposeAsync();
    }

    protected override Task<IBlobStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IBlobStore>(new FolderBlobStore(_dir.Path));

    [Fact]
    public async Task Put_LeavesNoTemporaryFiles()
    {
        await Store.PutAsync("c/doc", new MemoryStream([1, 2, 3]), _ct);

        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task OpenRead_ReadsFromThePageCacheWithoutAThreadPoolHop()
    {
        // Arrange
        var store = new FolderBlobStore(_dir.File("blobs"));
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        await store.PutAsync("day/blob", new MemoryStream(bytes), _ct);
        var buffer = new byte[bytes.Length];

        // Act
        var stream = await store.OpenReadAsync("day/blob", _ct);
        await using (stream)
        {
            var read = 0;
            while (read < buffer.Length)
            {
                var pending = stream.ReadAsync(buffer.AsMemory(read), _ct);
                Assert.True(pending.IsCompleted);
                read += await pending;
            }

            // Assert
            Assert.Equal(bytes, buffer);
            Assert.Equal(0, await stream.ReadAsync(buffer, _ct));
        }
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
}
