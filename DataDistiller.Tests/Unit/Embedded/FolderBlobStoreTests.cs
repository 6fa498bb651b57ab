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
