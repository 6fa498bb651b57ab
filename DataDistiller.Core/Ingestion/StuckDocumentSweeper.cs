using DataDistiller.Core.Documents;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Ingestion;

/// <summary>
/// Repairs documents whose work was lost in flight (a crash between the job row and the publish, a message lost on the
/// bus): the job store is the source of truth, so a document in progress with no change for
/// <see cref="StuckDocumentOptions.StuckAfter"/> gets its split request published again. The splitter then publishes
/// only the chunks missing from the done set, so exactly the missing work is redone.
/// "No change for" is counted in queue time, not wall time: under a backlog a document waits behind messages published
/// long before it, so the cut-off moves back to when the oldest message the pipeline has not consumed was published.
/// A document is stuck only when the consumers have reached messages published <see cref="StuckDocumentOptions.StuckAfter"/>
/// after its last change and it still has not moved.
/// </summary>
public sealed partial class StuckDocumentSweeper(
    IJobStore jobs,
    IMessageBus bus,
    IQueueBacklog backlog,
    IOptions<StuckDocumentOptions> options,
    TimeProvider timeProvider,
    ILogger<StuckDocumentSweeper> logger) : BackgroundService
{
    private static readonly (string Topic, string Group)[] s_pipelineQueues =
        [(Topics.DocRequests, ConsumerGroups.Splitter), (Topics.ChunkProcessing, ConsumerGroups.Embedders)];

    private readonly StuckDocumentOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        // The series exists from the start, so the first re-publish shows as an increase (the DocumentsStuck alert).
        IngestionTelemetry.StuckRepublished.Add(0);
        using var timer = new PeriodicTimer(_options.Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A store or bus outage must not end the sweeper: the next tick tries again.
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Claims stuck documents and publishes their split requests again; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var consumedUpTo = await ConsumedUpToAsync(now, cancellationToken).ConfigureAwait(false);
        var stuck = await jobs.ClaimStuckAsync(consumedUpTo - _options.StuckAfter, _options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (stuck.Count == 0)
        {
            return 0;
        }

        var messages = stuck.Select(document => MessageEnvelope.Create(document.DocumentId.ToString(), Request(document, now))).ToList();
        await bus.PublishAsync(Topics.DocRequests, messages, cancellationToken).ConfigureAwait(false);
        foreach (var document in stuck)
        {
            LogRepublished(logger, document.DocumentId, document.Status, document.ChunksDone, document.ChunksTotal, document.UpdatedAt);
        }

        IngestionTelemetry.StuckRepublished.Add(stuck.Count);
        return stuck.Count;
    }

    /// <summary>The publish time up to which the pipeline's consumers have taken everything: now when no queue is behind.</summary>
    private async Task<DateTimeOffset> ConsumedUpToAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var consumedUpTo = now;
        foreach (var (topic, group) in s_pipelineQueues)
        {
            if (await backlog.OldestUnconsumedAsync(topic, group, cancellationToken).ConfigureAwait(false) is { } oldest && oldest < consumedUpTo)
            {
                consumedUpTo = oldest;
            }
        }

        return consumedUpTo;
    }

    private static DocumentIngestRequested Request(DocumentRecord document, DateTimeOffset now) =>
        new(DocumentIngestRequested.CurrentSchemaVersion, Guid.CreateVersion7(now), now, document.DocumentId, document.Collection,
            document.FileName, document.BlobKey, document.ContentType, document.Sha256, Attempt: 1);

    [LoggerMessage(LogLevel.Warning, "Document {DocumentId} stuck in {Status} ({ChunksDone} of {ChunksTotal} chunks, no change since {UpdatedAt}); split request published again")]
    private static partial void LogRepublished(ILogger logger, Guid documentId, DocumentStatus status, int chunksDone, int? chunksTotal, DateTimeOffset updatedAt);

    [LoggerMessage(LogLevel.Error, "Stuck-document sweep failed; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
