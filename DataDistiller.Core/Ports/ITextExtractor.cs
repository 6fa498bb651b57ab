using DataDistiller.Core.Extraction;

namespace DataDistiller.Core.Ports;

/// <summary>Extracts text with page numbers from one kind of document.</summary>
public interface ITextExtractor
{
    /// <summary>True when this extractor reads <paramref name="contentType"/> (see <see cref="DocumentContentTypes"/>).</summary>
    bool CanExtract(string contentType);

    /// <summary>Extracts the pages; throws <see cref="ExtractionException"/> with a reason a person can act on.</summary>
    Task<ExtractedDocument> ExtractAsync(Stream content, CancellationToken cancellationToken);
}
