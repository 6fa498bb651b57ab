using DataDistiller.Core.Documents;
using DataDistiller.Core.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Endpoints;

/// <summary>The checks every question-taking route makes before retrieval, with the same ProblemDetails.</summary>
public static class RetrievalInput
{
    /// <summary>The 400 for an invalid collection, an empty question or an unknown strategy, else null.</summary>
    public static ProblemHttpResult? Problem(string? question, string collection, string? strategyId, RetrievalStrategy? strategy)
    {
        if (!CollectionName.IsValid(collection))
        {
            return Problems.InvalidCollection(collection);
        }

        if (string.IsNullOrWhiteSpace(question))
        {
            return Problems.BadRequest("The question is empty.");
        }

        return strategy is null
            ? Problems.BadRequest($"Unknown strategy '{strategyId}'. Known: {string.Join(", ", RetrievalStrategies.All.Select(s => s.Id))}.")
            : null;
    }
}
