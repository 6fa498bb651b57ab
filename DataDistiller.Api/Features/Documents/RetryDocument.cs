using System.Security.Claims;
using DataDistiller.Core.DeadLetters;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// POST /api/v2/documents/{id}/retry: the document owner's retry button. Replays the failed document's dead letters, the
/// same replay an operator runs on /api/v2/admin/dlq, so a user can resume their own document once its cause is fixed
/// without the admin role or access to other tenants' dead letters.
/// </summary>
public static class RetryDocument
{
    public static async Task<Results<Accepted<RetryAccepted>, ProblemHttpResult>> HandleAsync(
        Guid id,
        ClaimsPrincipal user,
        IJobStore jobs,
        DeadLetterReplayer replayer,
        HttpContext http,
        LinkGenerator links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(replayer);
        var document = await jobs.GetAsync(id, cancellationToken);
        if (!document.IsVisibleTo(user))
        {
            return Problems.NotFound($"No document has the id {id}.");
        }

        if (document.Status != DocumentStatus.Failed)
        {
            return Problems.Conflict($"Document {id} is {StatusName(document.Status)}; only a failed document can be retried.");
        }

        var replayed = await replayer.ReplayAllAsync(topic: null, documentId: id, cancellationToken);
        if (replayed == 0)
        {
            return Problems.Conflict(
                $"Document {id} has no dead letter left to replay (it was discarded); upload the file again to retry it.");
        }

        var statusUrl = links.GetPathByName(http, DocumentsApi.GetDocumentRoute, new { id })!;
        return TypedResults.Accepted(statusUrl, new RetryAccepted(id, replayed, statusUrl));
    }

    private static string StatusName(DocumentStatus status) => status.ToString().ToLowerInvariant();
}
