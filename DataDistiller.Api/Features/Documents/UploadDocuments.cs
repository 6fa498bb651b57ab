using System.Security.Claims;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// POST /api/v2/documents: reads the multipart body as it arrives, checking each file and storing its bytes (a bad
/// request keeps nothing), then accepts the files and answers 202 with where to follow them.
/// </summary>
public static class UploadDocuments
{
    public static async Task<Results<Accepted<UploadAccepted>, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        UploadBodyReader reader,
        DocumentUploads uploads,
        LinkGenerator links,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        var (key, keyProblem) = DocumentUploads.ReadKey(request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (upload, problem) = await reader.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Deduplicated and idempotent under the tenant's key, so tenants never see each other's uploads.
        var (body, conflict) = await uploads.AcceptAsync(
            CallerTenant.Collection(user, upload!.Collection).Key, key, upload.Files,
            id => links.GetPathByName(request.HttpContext, DocumentsApi.GetDocumentRoute, new { id })!, cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        var documents = body!.Documents;
        return TypedResults.Accepted(documents.Count == 1 ? documents[0].StatusUrl : null, body);
    }
}
