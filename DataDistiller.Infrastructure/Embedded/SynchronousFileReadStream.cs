namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// A local file whose asynchronous reads complete synchronously. On Linux .NET runs every asynchronous file read as a
/// work item on the thread pool; a read of a local blob comes from the page cache in microseconds, so the hop (and the
/// wake-up of a pool thread) cost more than the read, once per 80 KiB of every document the splitter reads.
/// </summary>
internal sealed class SynchronousFileReadStream(FileStream file) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => false;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => file.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(file.Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A blob is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A blob is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
