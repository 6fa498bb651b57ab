using DataDistiller.Tests.Support;

namespace DataDistiller.Tests.Integration.Extraction;

/// <summary>
/// Locates ../shared/data next to the solution folder. A user's clone has no shared data, so callers
/// skip rather than pass when it is absent.
/// </summary>
internal static class SharedTestData
{
    public const string AbsentReason = "../shared/data is absent: corpus tests need the shared test data";

    public static string? PdfCorpusDirectory { get; } = Locate();

    private static string? Locate()
    {
        var pdfs = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "data", "pdfs"));
        return File.Exists(Path.Combine(pdfs, "index.jsonl")) ? pdfs : null;
    }
}
