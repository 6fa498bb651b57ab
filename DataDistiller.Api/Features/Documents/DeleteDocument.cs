using DataDistiller.Core.Ingestion;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Documents;

/// <summary>DELETE /api/v2/documents/{id}: cancels the document's in-flight work and removes its blob, rows and chunks.</summary>
public static class DeleteDocument
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, DocumentRemoval removal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removal);
        return await removal.DeleteDocumentAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No document has the id {id}.");
    }
}
