using System.Security.Claims;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ingestion;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Collections;

/// <summary>
/// DELETE /api/v2/collections/{name}: deletes every document of the collection like DELETE /api/v2/documents/{id} does.
/// Idempotent: an empty or unknown collection also answers 204.
/// </summary>
public static class DeleteCollectionDocuments
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string name, DocumentRemoval removal, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removal);
        if (!CollectionName.IsValid(name))
        {
            return Problems.InvalidCollection(name);
        }

        await removal.DeleteCollectionAsync(CallerTenant.Collection(user, name).Key, cancellationToken);
        return TypedResults.NoContent();
    }
}
