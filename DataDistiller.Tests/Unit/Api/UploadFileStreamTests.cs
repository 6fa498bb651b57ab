using DataDistiller.Api.Features.Documents;
using DataDistiller.Core.Ports;
using Xunit;

namespace DataDistiller.Tests.Unit.Api;

public sealed class UploadFileStreamTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_AfterTheHead_ContinuesWithTheRestOfThePart()
    {
        // Arrange
        var stream = new UploadFileStream(new byte[] { 1, 2, 3 }, new MemoryStream([4, 5]), maxBytes: 10, _ct);
        var copy = new MemoryStream();

        // Act
        await stream.CopyToAsync(copy, _ct);

        // Assert
        Assert.Equal([1, 2, 3, 4, 5], copy.ToArray());
    }

    [Fact]
    public async Task Read_PastTheLimit_ThrowsFileTooLargeBeforeTheWholeFileIsRead()
    {
        var stream = new UploadFileStream(new byte[] { 1, 2 }, new MemoryStream(new byte[1000]), maxBytes: 100, _ct);
        var buffer = new byte[64];
        var read = 0;

        var error = await Assert.ThrowsAsync<FileTooLargeException>(async () =>
        {
            while (await stream.ReadAsync(buffer, _ct) > 0)
            {
                read += 64;
            }
        });

        Assert.Contains("100 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(read < 1000);
    }

    [Fact]
    public async Task Read_WhenTheRequestBodyFails_ThrowsContentReadException()
    {
        var stream = new UploadFileStream(ReadOnlyMemory<byte>.Empty, new ResetBody(), maxBytes: 100, _ct);

        var error = await Assert.ThrowsAsync<ContentReadException>(() => stream.ReadAsync(new byte[8], _ct).AsTask());

        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public async Task Read_WhenTheStoreTimesOut_KeepsReadingUntilTheRequestEnds()
    {
        // Arrange: the store's timeout has fired, the client is still sending
        var stream = new UploadFileStream(ReadOnlyMemory<byte>.Empty, new MemoryStream([7, 8]), maxBytes: 100, _ct);
        using var storeTimeout = new CancellationTokenSource();
        await storeTimeout.CancelAsync();

        // Act
        var read = await stream.ReadAsync(new byte[8], storeTimeout.Token);

        // Assert
        Assert.Equal(2, read);
    }

    private sealed class ResetBody : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("Connection reset by peer"));
    }
}
