namespace DataDistiller.Infrastructure.Blobs;

/// <summary>
/// A local temporary copy of a stream of unknown length, for stores that need the size before they write (S3). It is
/// deleted when disposed.
/// </summary>
public static class BlobSpool
{
    private const int BufferSize = 81920;

    /// <summary>Copies <paramref name="content"/> to a new temporary file and returns it positioned at its start.</summary>
    public static async Task<FileStream> CopyAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), "datadistiller-" + Guid.NewGuid().ToString("N") + ".upload"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await content.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
