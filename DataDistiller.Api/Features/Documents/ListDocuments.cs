using System.Security.Claims;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Documents;

/// <summary>GET /api/v2/documents: newest first, paged, filtered by collection and status.</summary>
public static class ListDocuments
{
    public const int MaxPageSize = 200;

    public static async Task<Results<Ok<DocumentList>, ProblemHttpResult>> HandleAsync(
        IJobStore jobs,
        string? collection,
        string? status,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var pageNumber = page ?? 1;
        var size = pageSize ?? 50;
        if (pageNumber < 1 || size < 1 || size > MaxPageSize)
        {
            return Problems.BadRequest($"page must be 1 or more and pageSize between 1 and {MaxPageSize}.");
        }

        if (collection is not null && !CollectionName.IsValid(collection))
        {
            return Problems.InvalidCollection(collection);
        }

        DocumentStatus? statusFilter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<DocumentStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.BadRequest($"status '{status}' is unknown; use accepted, splitting, embedding, indexed or failed.");
            }

            statusFilter = parsed;
        }

        var found = await jobs.ListAsync(new DocumentQuery(
            collection is null ? null : CallerTenant.Collection(user, collection).Key, statusFilter, pageNumber, size, CallerTenant.Of(user)), cancellationToken);
        return TypedResults.Ok(new DocumentList([.. found.Items.Select(DocumentStatusResponse.From)], pageNumber, size, found.Total));
    }
}
