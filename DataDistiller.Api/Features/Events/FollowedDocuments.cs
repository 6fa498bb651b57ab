using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;

namespace DataDistiller.Api.Features.Events;

/// <summary>What a live client may follow, and the current state it gets first.</summary>
public static class FollowedDocuments
{
    private const int SnapshotPageSize = 100;
    private static readonly DocumentStatus[] s_inProgress = [DocumentStatus.Accepted, DocumentStatus.Splitting, DocumentStatus.Embedding];

    public static string UnknownDocument(Guid id) => $"No document has the id {id}.";

    /// <summary>
    /// Queues the document's current state, read after <see cref="EventSubscription.AddDocument"/> so no change falls
    /// between the two; call after the document was found visible. It is not subscribed again here: that would forget a
    /// live event queued while the state was read, and the older state read from the store would then be sent after it.
    /// </summary>
    public static void Follow(this EventSubscription subscription, DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(document);
        subscription.Offer(DocumentChanged.From(document, document.UpdatedAt));
    }

    /// <summary>
    /// Queues the current state of the collection's documents still in progress (the newest <see cref="SnapshotPageSize"/>
    /// of each state), read after <see cref="EventSubscription.AddCollection"/> so no change falls between the two;
    /// finished ones have nothing left to report until replayed or deleted.
    /// </summary>
    public static async Task QueueCollectionStateAsync(
        this EventSubscription subscription, string collectionKey, IJobStore jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (var status in s_inProgress)
        {
            var page = await jobs.ListAsync(new DocumentQuery(collectionKey, status, 1, SnapshotPageSize), cancellationToken);
            foreach (var document in page.Items)
            {
                subscription.Offer(DocumentChanged.From(document, document.UpdatedAt));
            }
        }
    }
}
