using DataDistiller.Core.Extraction;
using DataDistiller.Infrastructure.Pdf;
using Microsoft.Extensions.Options;
using Xunit;

namespace DataDistiller.Tests.Integration.Extraction;

/// <summary>Every file of the shared PDF corpus ends as its index.jsonl expects, or as a documented PdfPig deviation.</summary>
public sealed class PdfCorpusTests
{
    private const string Absent = "(shared data absent)";

    // Where PdfPig 0.1.16 cannot meet the corpus expectation; each fails clearly instead (reason prefix).
    private static readonly Dictionary<string, string> s_deviations = new(StringComparer.Ordinal)
    {
        // AES-256 R6 with an empty user password and an indirect /Encrypt: PdfPig finds no crypt dictionary.
        ["issue7665.pdf"] = ExtractionReasons.PdfEncrypted,
        // No xref and a non-standard trailer: pdf.js recovers, PdfPig (like poppler) does not.
        ["issue9105_other.pdf"] = ExtractionReasons.PdfCorruptPrefix,
        // No page tree (/Pages is a JavaScript action): PdfPig refuses the file rather than reporting zero pages.
        ["issue15590.pdf"] = ExtractionReasons.PdfCorruptPrefix,
        // Bogus /Count 213804087 in 340 bytes: PdfPig rejects the trailer before any page loop.
        ["poppler-85140-0.pdf"] = ExtractionReasons.PdfCorruptPrefix,
        // Broken xref that PdfPig's lenient parser recovers into one empty page.
        ["poppler-395-0-fuzzed.pdf"] = ExtractionReasons.PdfNoText,
    };

    private static readonly PdfExtractionOptions s_options = new() { MaxPages = 2000, Timeout = TimeSpan.FromSeconds(30) };

    public static TheoryData<string> Files()
    {
        var directory = SharedTestData.PdfCorpusDirectory;
        return directory is null ? new TheoryData<string>(Absent) : new TheoryData<string>(PdfCorpusEntry.Load(directory).Keys);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ExtractAsync_CorpusFile_EndsAsIndexExpects(string file)
    {
        // Arrange
        var directory = SharedTestData.PdfCorpusDirectory;
        if (directory is null || file == Absent)
        {
            Assert.Skip(SharedTestData.AbsentReason);
        }

        var entry = PdfCorpusEntry.Load(directory)[file];
        var extractor = new PdfTextExtractor(Options.Create(s_options), TimeProvider.System);
        await using var stream = File.OpenRead(Path.Combine(directory, file));
        var started = TimeProvider.System.GetTimestamp();

        // Act
        ExtractedDocument? document = null;
        ExtractionException? failure = null;
        try
        {
            document = await extractor.ExtractAsync(stream, TestContext.Current.CancellationToken);
        }
        catch (ExtractionException ex)
        {
            failure = ex;
        }

        // Assert: no crash, no hang, whatever the file.
        Assert.True(TimeProvider.System.GetElapsedTime(started) < s_options.Timeout + TimeSpan.FromSeconds(5));
        if (s_deviations.TryGetValue(file, out var deviation))
        {
            AssertFailed(failure, deviation);
            return;
        }

        switch (entry.ExpectedOutcome)
        {
            case "text" when entry.Password is not null:
                // We take no passwords, so a user-password file must fail as encrypted, not as corrupt.
                AssertFailed(failure, ExtractionReasons.PdfEncrypted);
                break;
            case "text":
                Assert.Null(failure);
                var text = TextNormalizer.FoldToSingleLine(string.Join('\n', document!.Pages.Select(p => p.Text)));
                Assert.Contains(TextNormalizer.FoldToSingleLine(entry.MustContain!), text, StringComparison.Ordinal);
                Assert.Equal(document.Pages.Select(p => p.Number).Order(), document.Pages.Select(p => p.Number));
                break;
            case "no_text":
                Assert.NotNull(failure);
                Assert.Contains("No extractable text", failure.Message, StringComparison.Ordinal);
                break;
            case "encrypted_error":
                AssertFailed(failure, ExtractionReasons.PdfEncrypted);
                break;
            case "invalid_pdf":
                AssertFailed(failure, ExtractionReasons.PdfCorruptPrefix);
                break;
            case "xfa_warning":
                AssertFailed(failure, ExtractionReasons.PdfXfa);
                break;
            case "resource_limit":
                // Bounded is the requirement: either outcome is fine once the timing assert above holds.
                Assert.True(document is not null || failure is not null);
                break;
            default:
                Assert.Fail($"Unknown expected_outcome '{entry.ExpectedOutcome}' for {file}");
                break;
        }
    }

    private static void AssertFailed(ExtractionException? failure, string reasonPrefix)
    {
        Assert.NotNull(failure);
        Assert.StartsWith(reasonPrefix, failure.Message, StringComparison.Ordinal);
    }
}
