namespace DataDistiller.Infrastructure.Onnx;

/// <summary>
/// Where the cross-encoder's folder is: the configured <see cref="OnnxRerankerOptions.Path"/>, or the model cache,
/// filled on first use when <see cref="OnnxRerankerOptions.Download"/> is on.
/// </summary>
public sealed class RerankerModelSource(OnnxRerankerOptions options, string? cacheDirectory = null, ModelCacheDownloader? downloader = null)
{
    /// <summary>The folder holding <c>model.onnx</c> and <c>vocab.txt</c>, downloading them first if needed.</summary>
    public async Task<string> GetFolderAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            return options.Path;
        }

        if (!options.Download || cacheDirectory is null || downloader is null)
        {
            throw new InvalidOperationException(
                $"No cross-encoder model: set {OnnxRerankerOptions.SectionName}:Path, or enable {OnnxRerankerOptions.SectionName}:Download.");
        }

        // Without the trailing slash, "…/resolve/main" would lose its last segment when the file names are appended.
        var baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        await downloader.DownloadAsync(
            new(new Uri(baseUrl, options.ModelFile), Path.Combine(cacheDirectory, RerankerModelFiles.Model), options.ModelBytes, options.ModelSha256),
            cancellationToken).ConfigureAwait(false);
        await downloader.DownloadAsync(
            new(new Uri(baseUrl, options.VocabFile), Path.Combine(cacheDirectory, RerankerModelFiles.Vocab), options.VocabBytes, options.VocabSha256),
            cancellationToken).ConfigureAwait(false);
        return cacheDirectory;
    }
}
