using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Core.Ingestion;

/// <summary>When a document in progress counts as stuck, and how often the sweeper looks for such documents.</summary>
public sealed class StuckDocumentOptions
{
    public const string SectionName = "DataDistiller:Sweeper";

    /// <summary>Off only for tests that need to see a document stay stuck.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sweeper runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// No change to a document for this long (no chunk done, no status move) means its work was lost. Counted from the
    /// oldest message the pipeline has not consumed yet, so a long queue does not make waiting documents look stuck; it
    /// must still exceed the time one document's chunks take to embed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most documents claimed per run; the rest wait for the next run.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}
