using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Api.Features.Documents;

/// <summary>Upload limits.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "DataDistiller:Upload";

    /// <summary>Largest single file; a larger one is refused with 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Largest request body (all files and fields); Kestrel and the upload reader refuse more with 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most files in one request.</summary>
    [Range(1, 10_000)]
    public int MaxFilesPerRequest { get; set; } = 100;
}
