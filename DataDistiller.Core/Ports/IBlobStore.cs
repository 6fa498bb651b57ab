namespace DataDistiller.Core.Ports;

/// <summary>Stores the raw bytes of uploaded documents (a folder, MinIO or any S3).</summary>
public interface IBlobStore
{
    /// <summary>
    /// True when the store must know a blob's size before writing it (S3). A stream of unknown length, such as an upload
    /// still arriving, is then first copied to a local file, so a slow client is never timed as a slow store.
    /// </summary>
    bool NeedsLength => false;

    /// <summary>Writes <paramref name="content"/> under <paramref name="key"/>, streaming, and returns its size and SHA-256.</summary>
    Task<StoredBlob> PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the blob for reading; throws <see cref="FileNotFoundException"/> when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the blob; a missing blob is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
