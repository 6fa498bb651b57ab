using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DataDistiller.Tests.Unit.Resilience;

public sealed class ResilientBlobStoreTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_WhenTheContentFailsToRead_RethrowsItAndKeepsTheCircuitClosed()
    {
        // Arrange: a breaker that opens after two failures
        var store = new ResilientBlobStore(new RecordingStore(needsLength: false), Pipeline(minimumThroughput: 2));

        // Act: three uploads whose client hangs up
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ContentReadException>(() => store.PutAsync("k", new ForwardOnly(null), _ct));
        }

        // Assert: the store is still called: the client's fault did not open its circuit
        var stored = await store.PutAsync("k", new MemoryStream([1, 2, 3]), _ct);
        Assert.Equal(3, stored.SizeBytes);
    }

    [Fact]
    public async Task Put_WhenTheStoreNeedsTheLengthAndTheContentCannotSeek_HandsItALocalCopy()
    {
        // Arrange
        var inner = new RecordingStore(needsLength: true);
        var store = new ResilientBlobStore(inner, Pipeline(minimumThroughput: 2));

        // Act
        var stored = await store.PutAsync("k", new ForwardOnly(new MemoryStream([1, 2, 3, 4])), _ct);

        // Assert
        Assert.Equal(4, stored.SizeBytes);
        Assert.Equal([true], inner.SawSeekable);
    }

    [Fact]
    public async Task Put_WhenTheStoreTakesAnyStream_PassesTheContentThrough()
    {
        var inner = new RecordingStore(needsLength: false);
        var store = new ResilientBlobStore(inner, Pipeline(minimumThroughput: 2));

        await store.PutAsync("k", new ForwardOnly(new MemoryStream([1, 2])), _ct);

        Assert.Equal([false], inner.SawSeekable);
    }

    private static DependencyPipeline Pipeline(int minimumThroughput) =>
        new("blob store", new DependencyResilienceOptions { MinimumThroughput = minimumThroughput }, new FakeTimeProvider(), NullLogger.Instance);

    private sealed class RecordingStore(bool needsLength) : IBlobStore
    {
        public List<bool> SawSeekable { get; } = [];

        public bool NeedsLength => needsLength;

        public async Task<StoredBlob> PutAsync(string key, Stream content, CancellationToken cancellationToken)
        {
            SawSeekable.Add(content.CanSeek);
            var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            return new StoredBlob(key, copy.Length, "sha");
        }

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // A request body as a store sees it: read forward only; without a source it fails as a client hanging up does.
    private sealed class ForwardOnly(Stream? inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            inner?.Read(buffer, offset, count) ?? throw new ContentReadException("The client hung up.", new IOException("reset"));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
