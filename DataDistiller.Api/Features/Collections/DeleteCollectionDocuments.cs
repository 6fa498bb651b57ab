using DataDistiller.Core.Documents;
using DataDistiller.Core.Ingestion;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Collections;

/// <summary>
/// DELETE /api/v2/collections/{name}: deletes every document of the collection like DELETE /api/v2/documents/{id} does.
/// Idempotent: an empty or unknown collection also answers 204.
/// </summary>
public static class DeleteCollectionDocuments
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(string name, DocumentRemoval removal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removal);
        if (!CollectionName.IsValid(name))
        {
            return Problems.BadRequest($"Collection '{name}' is not a valid name: use 1 to 64 lowercase letters, digits, '-' or '_'.");
        }

        await removal.DeleteCollectionAsync(name, cancellationToken);
        return TypedResults.NoContent();
    }
}
