using System.Security.Claims;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataDistiller.Api.Features.Collections;

/// <summary>GET /api/v2/collections: the caller's tenant's collections with their document counts per status, by name.</summary>
public static class ListCollections
{
    public static async Task<Ok<List<CollectionResponse>>> HandleAsync(ClaimsPrincipal user, IJobStore jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        // The store lists every tenant's collections and the filter happens here: collections are few (tens, not
        // millions), and the ownership rule then lives in one place, CollectionAddress.
        var summaries = await jobs.ListCollectionsAsync(cancellationToken);
        return TypedResults.Ok(summaries.Where(s => CallerTenant.Owns(user, s.Key)).Select(CollectionResponse.From).ToList());
    }
}
