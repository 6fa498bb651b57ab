using System.Security.Claims;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Documents;

/// <summary>DELETE /api/v2/documents/{id}: cancels the document's in-flight work and removes its blob, rows and chunks.</summary>
public static class DeleteDocument
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, DocumentRemoval removal, IJobStore jobs, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removal);
        ArgumentNullException.ThrowIfNull(jobs);
        // Another tenant's document answers 404 like an unknown id: a 403 would confirm it exists.
        var owned = await jobs.GetAsync(id, cancellationToken) is { } document && CallerTenant.Owns(user, document.Collection);
        return owned && await removal.DeleteDocumentAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No document has the id {id}.");
    }
}
