using DataDistiller.Core.Ports;

namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>
/// Chooses the strategy of a query and records what served it: the one reusable step of every endpoint that
/// retrieves (search, query), so A/B figures count all of them the same way.
/// </summary>
public sealed class ExperimentRouter(IExperimentStore store, StrategyCatalog catalog, TimeProvider timeProvider)
{
    /// <summary>The subject an experiment assigns: the user id, else the session id; null when neither is given.</summary>
    public static string? SubjectKey(string? userId, string? sessionId) =>
        !string.IsNullOrWhiteSpace(userId) ? $"user:{userId.Trim()}"
        : !string.IsNullOrWhiteSpace(sessionId) ? $"session:{sessionId.Trim()}"
        : null;

    /// <summary>
    /// The strategy for a query on <paramref name="collection"/>: the requested one when named (no experiment); else the
    /// arm the running experiment of the collection (or the global one) gives <paramref name="subjectKey"/>; else the
    /// default. A query without a subject stays out of experiments, since its arm could not be kept sticky.
    /// Null when <paramref name="requestedStrategy"/> names no known strategy.
    /// </summary>
    public async Task<StrategyAssignment?> AssignAsync(
        string collection, string? requestedStrategy, string? subjectKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (!string.IsNullOrWhiteSpace(requestedStrategy))
        {
            return catalog.Find(requestedStrategy) is { } requested ? new StrategyAssignment(requested, collection, null) : null;
        }

        if (subjectKey is not null
            && await store.FindRunningAsync(collection, cancellationToken).ConfigureAwait(false) is { } experiment)
        {
            var arm = experiment.ArmFor(subjectKey);

            // Arms are validated on creation; a strategy removed since then falls back to the default, outside the experiment.
            if (RetrievalStrategies.Find(experiment.Arms[arm].Strategy) is { } strategy)
            {
                return new StrategyAssignment(strategy, collection, new ExperimentAssignment(experiment.Id, arm));
            }
        }

        return new StrategyAssignment(catalog.Default, collection, null);
    }

    /// <summary>A new query or answer id (version 7, so ids sort by time).</summary>
    public Guid NewQueryId() => Guid.CreateVersion7(timeProvider.GetUtcNow());

    /// <summary>Records that <paramref name="queryId"/> was served by <paramref name="assignment"/>, so feedback can refer to it.</summary>
    public Task RecordQueryAsync(Guid queryId, StrategyAssignment assignment, TimeSpan latency, bool empty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return store.RecordQueryAsync(
            new ServedQuery(queryId, assignment.Collection, assignment.Strategy.Id, assignment.Experiment, latency.TotalMilliseconds, empty, timeProvider.GetUtcNow()),
            cancellationToken);
    }
}
