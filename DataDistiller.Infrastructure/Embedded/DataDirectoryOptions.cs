using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>Where the embedded mode keeps everything: blobs, the SQLite job/queue file and the chunk index.</summary>
public sealed class DataDirectoryOptions
{
    public const string SectionName = "DataDistiller";

    /// <summary>The data directory; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";
}
