using System.Security.Claims;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Documents;

/// <summary>GET /api/v2/documents/{id}: the document's status and progress.</summary>
public static class GetDocumentStatus
{
    public static async Task<Results<Ok<DocumentStatusResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IJobStore jobs, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var document = await jobs.GetAsync(id, cancellationToken);
        // A document being deleted is already gone for clients; the tombstone only serves the pipeline. Another
        // tenant's document is "not found" too, not forbidden: its existence is not ours to reveal.
        return document is null || document.Status == DocumentStatus.Deleted || !CallerTenant.Owns(user, document.Collection)
            ? Problems.NotFound($"No document has the id {id}.")
            : TypedResults.Ok(DocumentStatusResponse.From(document));
    }
}
