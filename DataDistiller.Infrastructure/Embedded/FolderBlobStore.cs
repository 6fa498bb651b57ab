using System.Buffers;
using System.Security.Cryptography;
using DataDistiller.Core.Ports;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Blobs as files under one folder. A blob is written to a temporary name and renamed into place, so a crash
/// never leaves half a file under a real key; the SHA-256 is computed while streaming.
/// </summary>
public sealed class FolderBlobStore : IBlobStore
{
    private const int BufferSize = 81920;
    private readonly string _root;

    public FolderBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public async Task<StoredBlob> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            // The writes land in the page cache in microseconds, so they are synchronous: on Linux .NET runs every
            // asynchronous file write on the thread pool, and under load each such hop waited behind the pipeline's work.
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    RandomAccess.Write(file, buffer.AsSpan(0, read), size);
                    size += read;
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new StoredBlob(key, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream>(new SynchronousFileReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize)));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"Blob '{key}' does not exist.", ex);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    // Keys are ours (collection/document id), but a key must never reach outside the root whatever it holds.
    private string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob key '{key}' points outside the blob folder.", nameof(key));
        }

        return path;
    }
}
