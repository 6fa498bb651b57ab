using DataDistiller.Core.Documents;

namespace DataDistiller.Api.Features.Events;

/// <summary>
/// One client's interest: documents and collections (stored keys) of its tenant, and the events waiting for it. An
/// event of a collection the tenant does not own is never queued, whatever was subscribed.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Lock _lock = new();
    private readonly HashSet<Guid> _documents = [];
    private readonly HashSet<string> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, DocumentChanged> _latest = [];
    private readonly PendingEvents _queue;
    private readonly Action<EventSubscription> _onDispose;
    private bool _disposed;

    internal EventSubscription(string tenant, int capacity, Action<EventSubscription> onDispose)
    {
        Tenant = tenant;
        _queue = new PendingEvents(capacity);
        _onDispose = onDispose;
    }

    public string Tenant { get; }

    /// <summary>Events dropped because this client read too slowly.</summary>
    public long Dropped => _queue.Dropped;

    public void AddDocument(Guid documentId)
    {
        lock (_lock)
        {
            _documents.Add(documentId);
            // A (re)subscribing client asks for the current state, whatever it was sent before: a document replayed while
            // unfollowed can end in the same state as last time, and that state must still reach the client.
            _latest.Remove(documentId);
        }
    }

    public void RemoveDocument(Guid documentId)
    {
        lock (_lock)
        {
            _documents.Remove(documentId);
        }
    }

    public void AddCollection(string collectionKey)
    {
        lock (_lock)
        {
            _collections.Add(collectionKey);
        }
    }

    public void RemoveCollection(string collectionKey)
    {
        lock (_lock)
        {
            _collections.Remove(collectionKey);
        }
    }

    /// <summary>
    /// Queues the change when it is the tenant's, subscribed and newer than what this client already has; a current state read
    /// from the store (after subscribing) and a live event can arrive in either order, and only the newer one counts.
    /// </summary>
    public bool Offer(DocumentChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!CollectionAddress.IsOwnedBy(change.Collection, Tenant))
        {
            return false;
        }

        lock (_lock)
        {
            if (_disposed || (!_documents.Contains(change.DocumentId) && !_collections.Contains(change.Collection)))
            {
                return false;
            }

            _latest.TryGetValue(change.DocumentId, out var latest);
            if (change.IsStaleAfter(latest) || IsSameState(change, latest))
            {
                return false;
            }

            if (change.Status == DocumentStatus.Deleted)
            {
                _latest.Remove(change.DocumentId);
            }
            else
            {
                _latest[change.DocumentId] = change;
            }

            _queue.Enqueue(change);
            return true;
        }
    }

    public ValueTask<DocumentChanged> ReadAsync(CancellationToken cancellationToken) => _queue.DequeueAsync(cancellationToken);

    // The hub publishes to a snapshot of its subscribers, so an Offer can race this; the flag, set under the lock Offer
    // enqueues under, makes a late Offer a no-op instead of an enqueue into a disposed queue, which would throw into the
    // event pump and lose the event for every other client.
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _onDispose(this);
        _queue.Dispose();
    }

    private static bool IsSameState(DocumentChanged change, DocumentChanged? latest) =>
        latest is not null && latest.Status == change.Status && latest.ChunksDone == change.ChunksDone
        && latest.ChunksTotal == change.ChunksTotal && latest.Error == change.Error;
}
