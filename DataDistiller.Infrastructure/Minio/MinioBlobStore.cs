using System.IO.Pipelines;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Blobs;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace DataDistiller.Infrastructure.Minio;

/// <summary>
/// Blobs as objects in one MinIO/S3 bucket, under exactly the caller's key. Uploads and downloads stream: the SDK
/// holds at most one multipart part (5 MiB) of an upload, and a download is piped to the reader as it arrives.
/// </summary>
public sealed class MinioBlobStore(IMinioClient client, IOptions<MinioBlobStoreOptions> options) : IBlobStore
{
    private readonly string _bucket = options.Value.Bucket;
    private Task? _bucketReady;

    /// <summary>Creates the bucket when missing; once per process unless it failed.</summary>
    public Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        var ready = _bucketReady;
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            _bucketReady = ready = CreateBucketAsync(cancellationToken);
        }

        return ready;
    }

    public bool NeedsLength => true;

    public async Task<StoredBlob> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(content);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        var hashing = new HashingReadStream(content);
        await using (hashing.ConfigureAwait(false))
        {
            if (content.CanSeek)
            {
                var size = content.Length - content.Position;
                await UploadAsync(key, hashing, size, cancellationToken).ConfigureAwait(false);
                if (hashing.BytesRead != size)
                {
                    throw new IOException($"Blob '{key}' was uploaded with {hashing.BytesRead} of {size} bytes read.");
                }
            }
            else
            {
                // S3 needs the size up front; without it the SDK would buffer parts of hundreds of MB, so spool to disk instead.
                var spool = await BlobSpool.CopyAsync(hashing, cancellationToken).ConfigureAwait(false);
                await using (spool.ConfigureAwait(false))
                {
                    await UploadAsync(key, spool, spool.Length, cancellationToken).ConfigureAwait(false);
                }
            }

            return new StoredBlob(key, hashing.BytesRead, hashing.Sha256());
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.StatObjectAsync(new StatObjectArgs().WithBucket(_bucket).WithObject(key), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            throw new FileNotFoundException($"Blob '{key}' does not exist.");
        }

        // The SDK only lends its response stream to a callback; a pipe hands it to the caller without buffering the object.
        var pipe = new Pipe();
        _ = DownloadAsync(key, pipe.Writer);
        return pipe.Reader.AsStream();
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        // S3 answers 204 for a missing key too, so a repeated delete is not an error.
        await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_bucket).WithObject(key), cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateBucketAsync(CancellationToken cancellationToken)
    {
        if (await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_bucket), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(_bucket), cancellationToken).ConfigureAwait(false);
        }
        catch (MinioException)
        {
            // Another replica may have created it between our check and our create; anything else is still an error.
            if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_bucket), cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    private async Task UploadAsync(string key, Stream source, long size, CancellationToken cancellationToken) =>
        await client.PutObjectAsync(
            new PutObjectArgs().WithBucket(_bucket).WithObject(key).WithStreamData(source).WithObjectSize(size).WithContentType("application/octet-stream"),
            cancellationToken).ConfigureAwait(false);

    // Runs after OpenReadAsync returned: the reader disposing the stream completes the pipe, which ends the copy and the request.
    private async Task DownloadAsync(string key, PipeWriter writer)
    {
        try
        {
            await client.GetObjectAsync(
                new GetObjectArgs().WithBucket(_bucket).WithObject(key).WithCallbackStream((body, ct) => body.CopyToAsync(writer, ct)),
                CancellationToken.None).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever failed, the reader must see it: a pipe that is never completed would leave it waiting forever.
            await writer.CompleteAsync(ex).ConfigureAwait(false);
        }
    }
}
