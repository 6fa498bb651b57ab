using DataDistiller.Core.Ports;

namespace DataDistiller.Core.Extraction;

/// <summary>Routes a document to the extractor for its content type.</summary>
public sealed class TextExtractorSelector(IEnumerable<ITextExtractor> extractors)
{
    private readonly ITextExtractor[] _extractors = [.. extractors];

    /// <summary>Extracts <paramref name="content"/>; throws <see cref="ExtractionException"/> when no extractor reads the type.</summary>
    public Task<ExtractedDocument> ExtractAsync(string contentType, Stream content, CancellationToken cancellationToken)
    {
        var extractor = Array.Find(_extractors, e => e.CanExtract(contentType))
            ?? throw new ExtractionException($"Documents of type '{contentType}' cannot be read.");
        return extractor.ExtractAsync(content, cancellationToken);
    }
}
