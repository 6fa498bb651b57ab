using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// Fetches model files into the model cache: streamed to a temporary file beside the destination, checked, then moved
/// into place, so a crash or a bad download never leaves a file that looks cached.
/// </summary>
public sealed partial class ModelCacheDownloader(IHttpClientFactory httpClientFactory, ILogger<ModelCacheDownloader> logger)
{
    /// <summary>The named HttpClient used for downloads.</summary>
    public const string HttpClientName = "model-download";

    private const int BufferSize = 81920;
    private const long UnknownLengthLogEvery = 16L * 1024 * 1024;

    /// <summary>Downloads <paramref name="file"/> unless it is already cached; true when it was downloaded.</summary>
    /// <exception cref="InvalidDataException">The download has the wrong size or SHA-256; nothing is kept.</exception>
    public async Task<bool> DownloadAsync(ModelFileDownload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (File.Exists(file.Destination))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file.Destination))!);
        var temporary = $"{file.Destination}.{Guid.NewGuid():N}.partial";
        try
        {
            var (bytes, sha256) = await FetchAsync(file.Source, temporary, cancellationToken).ConfigureAwait(false);
            Verify(file, bytes, sha256);
            File.Move(temporary, file.Destination, overwrite: true);
            LogDownloaded(logger, file.Source, bytes);
            return true;
        }
        finally
        {
            // Gone after the move; otherwise a failed or cancelled download leaves nothing behind.
            File.Delete(temporary);
        }
    }

    private async Task<(long Bytes, string Sha256)> FetchAsync(Uri source, string temporary, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Downloading the model file {source} failed: {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        var length = response.Content.Headers.ContentLength;
        LogStarted(logger, source, length);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long total = 0;
        long nextLog = length is > 0 ? length.Value / 10 : UnknownLengthLogEvery;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    total += read;
                    if (total >= nextLog)
                    {
                        LogProgress(logger, source, length is > 0 ? (int)(total * 100 / length.Value) : null, total);
                        nextLog += length is > 0 ? Math.Max(1, length.Value / 10) : UnknownLengthLogEvery;
                    }
                }

                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (length is { } announced && announced != total)
        {
            throw new InvalidDataException($"The download of {source} ended after {total} of {announced} bytes.");
        }

        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void Verify(ModelFileDownload file, long bytes, string sha256)
    {
        if (file.ExpectedBytes is { } expectedBytes && expectedBytes != bytes)
        {
            throw new InvalidDataException(
                $"The model file {file.Source} has {bytes} bytes where {expectedBytes} were expected; it was not cached.");
        }

        if (file.ExpectedSha256 is { } expectedSha && !string.Equals(expectedSha, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"The model file {file.Source} has SHA-256 {sha256} where {expectedSha.ToLower(CultureInfo.InvariantCulture)} was expected; it was not cached.");
        }
    }

    [LoggerMessage(LogLevel.Information, "Downloading model file {Source} ({TotalBytes} bytes)")]
    private static partial void LogStarted(ILogger logger, Uri source, long? totalBytes);

    [LoggerMessage(LogLevel.Information, "Downloading model file {Source}: {Percent} % ({Bytes} bytes)")]
    private static partial void LogProgress(ILogger logger, Uri source, int? percent, long bytes);

    [LoggerMessage(LogLevel.Information, "Downloaded model file {Source} ({Bytes} bytes)")]
    private static partial void LogDownloaded(ILogger logger, Uri source, long bytes);
}
