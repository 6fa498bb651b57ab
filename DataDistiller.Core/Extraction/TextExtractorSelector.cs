using DataDistiller.Core.Ports;

namespace DataDistiller.Core.Extraction;

/// <summary>Picks the extractor for a content type among those registered.</summary>
public sealed class TextExtractorSelector(IEnumerable<ITextExtractor> extractors)
{
    private readonly ITextExtractor[] _extractors = extractors.ToArray();

    /// <summary>The extractor for <paramref name="contentType"/>; throws <see cref="ExtractionException"/> when none reads it.</summary>
    public ITextExtractor Select(string contentType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return _extractors.FirstOrDefault(e => e.CanExtract(contentType))
            ?? throw new ExtractionException(
                $"{ExtractionReasons.UnsupportedContentTypePrefix} '{contentType}': upload PDF, plain text, Markdown or HTML");
    }
}
