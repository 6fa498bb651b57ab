using System.Security.Claims;
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
        return document.IsVisibleTo(user)
            ? TypedResults.Ok(DocumentStatusResponse.From(document))
            : Problems.NotFound($"No document has the id {id}.");
    }
}
