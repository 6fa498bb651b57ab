using System.Diagnostics;
using System.Diagnostics.Metrics;
using DataDistiller.Core.Diagnostics;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// The ingestion pipeline's activity source and instruments (ServiceDefaults listens to <c>DataDistiller.*</c>). Names
/// follow the OpenTelemetry conventions: dotted, unit in UCUM (<c>s</c>, <c>{document}</c>), so Prometheus reads
/// <c>datadistiller_documents_indexed_total</c> and <c>datadistiller_upload_duration_seconds_bucket</c>.
/// </summary>
public static class IngestionTelemetry
{
    public const string SourceName = "DataDistiller.Ingestion";

    /// <summary>Tag of the pipeline stage an error or a busy second belongs to (<c>splitting</c>, <c>embedding</c>).</summary>
    public const string StageTag = "datadistiller.stage";

    public const string ErrorTypeTag = "error.type";

    public const string TopicTag = "messaging.destination.name";

    public const string GroupTag = "messaging.consumer.group.name";

    private static readonly Meter s_meter = new(SourceName);

    public static ActivitySource ActivitySource { get; } = new(SourceName);

    public static Counter<long> DocumentsAccepted { get; } = s_meter.CreateCounter<long>(
        "datadistiller.documents.accepted", "{document}", "Documents accepted for ingestion (duplicates of a live document not counted).");

    public static Counter<long> DocumentsIndexed { get; } = s_meter.CreateCounter<long>(
        "datadistiller.documents.indexed", "{document}", "Documents whose last chunk was indexed.");

    public static Counter<long> DocumentsFailed { get; } = s_meter.CreateCounter<long>(
        "datadistiller.documents.failed", "{document}", "Documents failed by a dead letter, by error type.");

    public static Counter<long> ChunksProcessed { get; } = s_meter.CreateCounter<long>(
        "datadistiller.chunks.processed", "{chunk}", "Chunks embedded and upserted into the index.");

    public static Counter<long> Errors { get; } = s_meter.CreateCounter<long>(
        "datadistiller.ingestion.errors", "{error}", "Failed processing attempts, by stage and error type (each retry counts).");

    public static Counter<long> StuckRepublished { get; } = s_meter.CreateCounter<long>(
        "datadistiller.sweeper.republished", "{document}", "Stuck documents whose split request was published again.");

    public static Histogram<double> UploadDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.upload.duration", "Time to accept one uploaded file durably (bytes stored, job row, split request).", Latency.FastBuckets);

    public static Histogram<double> ExtractionDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.extraction.duration", "Time to read a document from the blob store and extract its text.", Latency.WorkBuckets);

    public static Histogram<double> SplitDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.split.duration", "Time to split extracted text into chunks.", Latency.FastBuckets);

    public static Histogram<double> EmbedBatchDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.embedding.batch.duration", "Time of one embedding model call for a batch of chunks.", Latency.WorkBuckets);

    public static Histogram<double> IndexUpsertDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.index.upsert.duration", "Time to upsert a batch of embedded chunks into the chunk index.", Latency.FastBuckets);

    public static Histogram<double> DocumentDuration { get; } = s_meter.CreateSeconds(
        "datadistiller.document.duration", "Time from a document's acceptance to its last chunk indexed (end to end).", Latency.LongBuckets);

    /// <summary>Seconds consumers spent working; its rate over the member count is the worker utilisation.</summary>
    public static Counter<double> WorkerBusyTime { get; } = s_meter.CreateCounter<double>(
        "datadistiller.worker.busy_time", "s", "Seconds consumer-group members spent processing batches, by topic and group.");

    public static UpDownCounter<long> WorkerMembers { get; } = s_meter.CreateUpDownCounter<long>(
        "datadistiller.worker.members", "{member}", "Consumer-group members running in this process, by topic and group.");

    /// <summary>Tags of a consumer: its topic and group, as the messaging conventions name them.</summary>
    public static TagList ConsumerTags(string topic, string group) => new() { { TopicTag, topic }, { GroupTag, group } };
}
