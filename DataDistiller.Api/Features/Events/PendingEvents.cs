using DataDistiller.Core.Documents;

namespace DataDistiller.Api.Features.Events;

/// <summary>
/// The events waiting for one client, bounded: a newer event of a document in the same state replaces the waiting one
/// (progress of one batch supersedes the previous), and when full the oldest waiting event that is not a final state is
/// dropped: a final state (indexed, failed, deleted) has no later event to correct it, so it is kept. State transitions
/// of a document are never merged, so a reader that keeps up sees every one.
/// </summary>
public sealed class PendingEvents(int capacity) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LinkedList<DocumentChanged> _items = new();
    private readonly Dictionary<Guid, LinkedListNode<DocumentChanged>> _lastOf = [];
    private readonly SemaphoreSlim _available = new(0);
    private long _dropped;

    /// <summary>Events dropped because the reader fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public void Enqueue(DocumentChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            if (_lastOf.TryGetValue(change.DocumentId, out var last) && last.Value.Status == change.Status)
            {
                last.Value = change;
                return;
            }

            var full = _items.Count >= capacity;
            if (full)
            {
                Remove(OldestDroppable());
                _dropped++;
            }

            _lastOf[change.DocumentId] = _items.AddLast(change);
            if (full)
            {
                // One out, one in: the count of waiting events the semaphore holds is still right.
                return;
            }
        }

        _available.Release();
    }

    public async ValueTask<DocumentChanged> DequeueAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            var first = _items.First!;
            Remove(first);
            return first.Value;
        }
    }

    public void Dispose() => _available.Dispose();

    // Only when every waiting event is final does the oldest final one go; then capacity is too small for the collection.
    private LinkedListNode<DocumentChanged> OldestDroppable()
    {
        for (var node = _items.First; node is not null; node = node.Next)
        {
            if (!node.Value.IsFinal)
            {
                return node;
            }
        }

        return _items.First!;
    }

    private void Remove(LinkedListNode<DocumentChanged> node)
    {
        _items.Remove(node);
        if (_lastOf.TryGetValue(node.Value.DocumentId, out var last) && last == node)
        {
            _lastOf.Remove(node.Value.DocumentId);
        }
    }
}
