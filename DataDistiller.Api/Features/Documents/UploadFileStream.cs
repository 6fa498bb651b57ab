using DataDistiller.Core.Ports;

namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// A file part as the blob store reads it: first the head already read to detect its type, then the rest of the part,
/// straight from the request. It throws <see cref="FileTooLargeException"/> as soon as the file passes the limit, so an
/// oversized file is never stored whole, and wraps the request's own failures in <see cref="ContentReadException"/>, so
/// a client's fault never counts against the store.
/// </summary>
/// <param name="head">The first bytes of the part, already read.</param>
/// <param name="rest">The part's body, positioned after the head.</param>
/// <param name="maxBytes">The per-file limit.</param>
/// <param name="requestAborted">
/// The client paces these reads, so they stop when the request does, not at the store's timeout: a slow client on a
/// large file is not a slow store.
/// </param>
public sealed class UploadFileStream(ReadOnlyMemory<byte> head, Stream rest, long maxBytes, CancellationToken requestAborted) : Stream
{
    private ReadOnlyMemory<byte> _head = head;
    private long _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_head.Length > 0)
        {
            read = Math.Min(buffer.Length, _head.Length);
            _head[..read].CopyTo(buffer);
            _head = _head[read..];
        }
        else
        {
            try
            {
                read = await rest.ReadAsync(buffer, requestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
            {
                throw new ContentReadException("The request body could not be read.", ex);
            }
        }

        _length += read;
        return _length <= maxBytes
            ? read
            : throw new FileTooLargeException($"The file is larger than the limit of {maxBytes} bytes.");
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The blob stores read asynchronously; a synchronous read would block a request thread on the network.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
