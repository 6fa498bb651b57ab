using DataDistiller.Core.Extraction;
using DataDistiller.Core.Ports;
using DataDistiller.Infrastructure.Threading;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace DataDistiller.Infrastructure.Pdf;

/// <summary>
/// Reads PDF text per page with PdfPig. Bounded by <see cref="PdfExtractionOptions"/>: pages are read
/// on a worker thread that checks the token between pages, and the caller stops waiting at the timeout.
/// Images are never decoded: only their placement is read, to tell a scan from a blank page.
/// </summary>
public sealed class PdfTextExtractor(IOptions<PdfExtractionOptions> options, TimeProvider timeProvider) : ITextExtractor
{
    // A PDF with a page-sized image and fewer letters than this in total is a scan with a stray caption.
    private const int MinLettersBesideScan = 32;
    private const double ScanCoverage = 0.5;

    private readonly PdfExtractionOptions _options = options.Value;

    public bool CanExtract(string contentType) => DocumentContentTypes.Matches(contentType, DocumentContentTypes.Pdf);

    public async Task<ExtractedDocument> ExtractAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();

        using var timeout = new CancellationTokenSource(_options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        // Parsing is the pipeline's heaviest CPU work outside the model: it runs below the requests in priority.
        var work = BackgroundCpuScheduler.Shared.Run(() => Extract(bytes, linked.Token), linked.Token);
        try
        {
            // A single page PdfPig is stuck in cannot be interrupted; WaitAsync frees the caller anyway and
            // the worker stops at its next page boundary.
            return await work.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionException($"{ExtractionReasons.PdfTooLongPrefix} (over {_options.Timeout.TotalSeconds:0} s); it may be damaged or hostile");
        }
    }

    private ExtractedDocument Extract(byte[] bytes, CancellationToken cancellationToken)
    {
        using var document = Open(bytes);
        if (PdfFormText.IsXfaOnly(document))
        {
            throw new ExtractionException(ExtractionReasons.PdfXfa);
        }

        var pageCount = document.NumberOfPages;
        if (pageCount <= 0)
        {
            throw new ExtractionException(ExtractionReasons.PdfNoPages);
        }

        if (pageCount > _options.MaxPages)
        {
            throw new ExtractionException(
                $"{ExtractionReasons.PdfTooManyPagesPrefix} ({pageCount}; the limit is {_options.MaxPages}): split it into smaller files");
        }

        var formLines = ReadFormLines(document);
        var pages = new List<ExtractedPage>(pageCount);
        var failures = new List<string>();
        var hasScan = false;
        for (var number = 1; number <= pageCount; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Page page;
            string text;
            try
            {
                page = document.GetPage(number);
                text = PdfPageTextBuilder.Build(page.Letters);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // One broken page (unsupported filter, bad content stream) must not lose the rest of the document.
                failures.Add($"page {number}: {PdfFailureDetail.Describe(ex)}");
                continue;
            }

            if (formLines.TryGetValue(number, out var lines))
            {
                text = string.Concat(text, "\n", string.Join('\n', lines));
            }

            hasScan = hasScan || CoveredByImage(page);
            pages.Add(new ExtractedPage(number, TextNormalizer.Normalize(text)));
        }

        return Finish(pages, failures, hasScan);
    }

    private static ExtractedDocument Finish(List<ExtractedPage> pages, List<string> failures, bool hasScan)
    {
        var document = new ExtractedDocument(pages.Where(p => p.Text.Length > 0).ToList());
        var letters = document.Pages.Sum(p => p.Text.Count(char.IsLetterOrDigit));
        if (letters > 0 && !(hasScan && letters < MinLettersBesideScan))
        {
            return document;
        }

        if (failures.Count > 0)
        {
            throw new ExtractionException($"{ExtractionReasons.PdfUnreadablePagesPrefix} ({string.Join("; ", failures.Take(3))})");
        }

        throw new ExtractionException(ExtractionReasons.PdfNoText);
    }

    private static PdfDocument Open(byte[] bytes)
    {
        try
        {
            return PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new ExtractionException(ExtractionReasons.PdfEncrypted, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new ExtractionException($"{ExtractionReasons.PdfCorruptPrefix} ({PdfFailureDetail.Describe(ex)})", ex);
        }
    }

    private static Dictionary<int, List<string>> ReadFormLines(PdfDocument document)
    {
        try
        {
            return PdfFormText.ByPage(document);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A damaged form dictionary loses the field values, not the page text.
            return [];
        }
    }

    private static bool CoveredByImage(Page page)
    {
        if (page.NumberOfImages == 0)
        {
            return false;
        }

        var pageArea = Math.Max(1, page.Width * page.Height);
        return page.GetImages().Any(i => i.BoundingBox.Width * i.BoundingBox.Height >= ScanCoverage * pageArea);
    }
}
