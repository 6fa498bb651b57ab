using DataDistiller.Core.Retrieval.Experiments;

namespace DataDistiller.Core.Ports;

/// <summary>Experiments, the queries served under them (or outside any) and the feedback on those answers.</summary>
public interface IExperimentStore
{
    /// <summary>Stores a running experiment; false when another one already runs on the same scope (collection, or global).</summary>
    Task<bool> TryCreateAsync(Experiment experiment, CancellationToken cancellationToken);

    Task<Experiment?> GetAsync(Guid experimentId, CancellationToken cancellationToken);

    /// <summary>Every experiment, newest first.</summary>
    Task<IReadOnlyList<Experiment>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The running experiment of <paramref name="collection"/>, else the running global one, else null.</summary>
    Task<Experiment?> FindRunningAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Stops a running experiment at <paramref name="stoppedAt"/> (a stopped one keeps its time); null when unknown.</summary>
    Task<Experiment?> StopAsync(Guid experimentId, DateTimeOffset stoppedAt, CancellationToken cancellationToken);

    /// <summary>Records a served query; recording the same query id again changes nothing.</summary>
    Task RecordQueryAsync(ServedQuery query, CancellationToken cancellationToken);

    /// <summary>Stores feedback on a served query; false when no query has that id (in the feedback's tenant, when it names one).</summary>
    Task<bool> AddFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken);

    /// <summary>The raw figures of each arm that served at least one query.</summary>
    Task<IReadOnlyList<ArmTally>> GetTalliesAsync(Guid experimentId, CancellationToken cancellationToken);
}
