using DataDistiller.Core.Documents;

namespace DataDistiller.Core.Ports;

/// <summary>Announces a document's change to whoever follows it live (in this process or, distributed, in the Api).</summary>
public interface IDocumentEventPublisher
{
    /// <summary>Best effort: the job store stays the truth, so a lost event only delays what a follower sees.</summary>
    Task PublishAsync(DocumentChanged change, CancellationToken cancellationToken);
}
