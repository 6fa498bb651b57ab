using DataDistiller.Core.Documents;

namespace DataDistiller.Core.Ports;

/// <summary>Every document change published anywhere, from the moment of listening on.</summary>
public interface IDocumentEventSource
{
    /// <summary>
    /// Yields changes until cancelled. A dropped connection is re-established on its own; changes published while it was
    /// down are missed, which a follower covers by reading the document's current state.
    /// </summary>
    IAsyncEnumerable<DocumentChanged> ReadAllAsync(CancellationToken cancellationToken);
}
