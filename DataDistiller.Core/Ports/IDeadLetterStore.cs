using DataDistiller.Core.DeadLetters;

namespace DataDistiller.Core.Ports;

/// <summary>Dead letters kept durably until an operator replays or discards them.</summary>
public interface IDeadLetterStore
{
    /// <summary>Keeps the dead letter; a redelivered one (same id) is ignored.</summary>
    Task AddAsync(DeadLetter letter, CancellationToken cancellationToken);

    Task<DeadLetter?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<DeadLetterPage> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken);

    /// <summary>Removes the dead letter; false when there is none with that id.</summary>
    Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken);
}
