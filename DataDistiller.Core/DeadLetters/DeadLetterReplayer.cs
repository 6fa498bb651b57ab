using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Messaging;
using DataDistiller.Core.Ports;

namespace DataDistiller.Core.DeadLetters;

/// <summary>Sends dead letters back to their topics with a fresh attempt count, reopening their documents first.</summary>
public sealed class DeadLetterReplayer(IDeadLetterStore store, IJobStore jobs, IMessageBus bus, TimeProvider timeProvider)
{
    private const int ReplayPageSize = 100;

    /// <summary>Replays one dead letter and removes it from the store.</summary>
    public async Task ReplayAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        // IMPORTANT: reopen before publishing, or the consumer sees a failed document and drops the message.
        if (letter.DocumentId is { } documentId)
        {
            await jobs.ReopenAsync(documentId, cancellationToken).ConfigureAwait(false);
        }

        List<(string Topic, OutgoingMessage Message)> messages = [(letter.Topic, new OutgoingMessage(letter.Key, letter.Payload, letter.Headers))];
        // While the document was failed the embedders dropped its other chunks; a split request re-publishes exactly the
        // chunks not done yet (the job store is the source of truth), so the document can complete.
        if (letter.Topic == Topics.ChunkProcessing && letter.DocumentId is { } id
            && await jobs.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } document)
        {
            messages.Add((Topics.DocRequests, MessageEnvelope.Create(id.ToString(), SplitRequestOf(document))));
        }

        foreach (var (topic, message) in messages)
        {
            await bus.PublishAsync(topic, [message], cancellationToken).ConfigureAwait(false);
        }

        // Removed after the publish: a crash in between replays the letter twice, which every handler tolerates.
        await store.RemoveAsync(letter.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replays every dead letter matching the filters when the call starts; returns how many.</summary>
    public async Task<int> ReplayAllAsync(string? topic, Guid? documentId, CancellationToken cancellationToken)
    {
        // IMPORTANT: the ids are taken first. A replayed message that fails again at once is dead-lettered anew while this
        // loop runs; replaying whatever the store holds would replay that one too, for ever for a document that cannot succeed.
        var ids = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var letters = await store.ListAsync(new DeadLetterQuery(topic, documentId, page, ReplayPageSize), cancellationToken).ConfigureAwait(false);
            ids.AddRange(letters.Items.Select(l => l.Id));
            if (letters.Items.Count < ReplayPageSize)
            {
                break;
            }
        }

        var replayed = 0;
        foreach (var id in ids)
        {
            // Gone when discarded or replayed by someone else meanwhile.
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } letter)
            {
                await ReplayAsync(letter, cancellationToken).ConfigureAwait(false);
                replayed++;
            }
        }

        return replayed;
    }

    private DocumentIngestRequested SplitRequestOf(Documents.DocumentRecord document)
    {
        var now = timeProvider.GetUtcNow();
        return new DocumentIngestRequested(
            DocumentIngestRequested.CurrentSchemaVersion, Guid.CreateVersion7(now), now, document.DocumentId, document.Collection,
            document.FileName, document.BlobKey, document.ContentType, document.Sha256, Attempt: 1);
    }
}
