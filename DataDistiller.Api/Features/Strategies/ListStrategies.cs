using DataDistiller.Core.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Strategies;

/// <summary>GET /api/v2/admin/strategies: every strategy a search, a query or an experiment arm may name.</summary>
public static class ListStrategies
{
    public static Ok<List<StrategyResponse>> Handle(StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TypedResults.Ok(RetrievalStrategies.All.Select(s => StrategyResponse.From(s, isDefault: s.Id == catalog.Default.Id)).ToList());
    }
}
