using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Documents;

/// <summary>GET /api/v2/documents/{id}: the document's status and progress.</summary>
public static class GetDocumentStatus
{
    public static async Task<Results<Ok<DocumentStatusResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, IJobStore jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var document = await jobs.GetAsync(id, cancellationToken);
        // A document being deleted is already gone for clients; the tombstone only serves the pipeline.
        return document is null || document.Status == DocumentStatus.Deleted
            ? Problems.NotFound($"No document has the id {id}.")
            : TypedResults.Ok(DocumentStatusResponse.From(document));
    }
}
