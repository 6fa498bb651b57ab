using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Pdf;

/// <summary>Bounds on reading one PDF, so a hostile or broken file cannot hold a worker.</summary>
public sealed class PdfExtractionOptions
{
    public const string SectionName = "DataDistiller:Extraction:Pdf";

    /// <summary>Documents with more pages fail rather than being read partially.</summary>
    [Range(1, 100_000)]
    public int MaxPages { get; set; } = 2000;

    /// <summary>Wall-clock limit for reading one document.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
