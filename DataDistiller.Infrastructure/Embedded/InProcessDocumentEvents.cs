using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Document changes fanned out in process: the embedded mode runs the pipeline and the Api in one process. Each reader
/// gets its own unbounded channel so a publish never waits; the reader (the Api's hub) only hands events on to bounded
/// per-client queues, so it keeps up.
/// </summary>
public sealed class InProcessDocumentEvents : IDocumentEventPublisher, IDocumentEventSource
{
    private readonly Lock _lock = new();
    private readonly List<Channel<DocumentChanged>> _readers = [];

    public Task PublishAsync(DocumentChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            foreach (var reader in _readers)
            {
                reader.Writer.TryWrite(change);
            }
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<DocumentChanged> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<DocumentChanged>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            _readers.Add(channel);
        }

        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_lock)
            {
                _readers.Remove(channel);
            }
        }
    }
}
