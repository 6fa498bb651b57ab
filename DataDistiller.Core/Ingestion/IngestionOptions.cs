using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Core.Ingestion;

/// <summary>How the splitter and embedders consume and retry.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "DataDistiller:Ingestion";

    /// <summary>
    /// Embedder loops in this process, each a member of the embedders group. Two keep the model's workers fed while one
    /// loop stores its batch and fetches the next (docs/benchmarks.md).
    /// </summary>
    [Range(1, 64)]
    public int EmbedderConcurrency { get; set; } = 2;

    /// <summary>Most chunks embedded in one model call.</summary>
    [Range(1, 512)]
    public int EmbedBatchSize { get; set; } = 32;

    /// <summary>How long an embedder waits to fill a batch once it holds one chunk.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan EmbedBatchWait { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// On host stop, how long a consumer may finish the batch in hand and commit it; what is not done by then is
    /// handed back uncommitted and redelivered after the restart. Keep it below <c>HostOptions.ShutdownTimeout</c>
    /// (raised to this plus a margin when shorter).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts at a message, in place and redelivered, before it goes to its dead-letter topic.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Quick attempts in place before a failing message is handed back for delayed redelivery.</summary>
    [Range(1, 10)]
    public int InPlaceAttempts { get; set; } = 2;

    /// <summary>First retry delay; doubles per attempt with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The cap on a retry delay; also the longest a consumer waits for a redelivered message to fall due.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the dead-letter count behind the <c>datadistiller.deadletters.size</c> gauge is read from the store.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan DeadLetterCountInterval { get; set; } = TimeSpan.FromSeconds(15);
}
