using DataDistiller.Core.Retrieval;

namespace DataDistiller.Core.Ports;

/// <summary>Scores fused candidates against the question, e.g. with a cross-encoder; higher is more relevant.</summary>
public interface IReranker
{
    /// <summary>What serves the scores (adapter and model), reported on every response it re-ranked.</summary>
    string Name { get; }

    /// <summary>One score per candidate, in the order of <see cref="RerankRequest.Candidates"/>.</summary>
    Task<IReadOnlyList<double>> ScoreAsync(RerankRequest request, CancellationToken cancellationToken);
}
