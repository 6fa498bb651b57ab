using DataDistiller.Core.Documents;

namespace DataDistiller.Api.Features.Collections;

/// <summary>One of the caller's collections (the name the caller sends) and how many of its documents are in each state.</summary>
public sealed record CollectionResponse(string Name, int Documents, int Accepted, int Splitting, int Embedding, int Indexed, int Failed)
{
    public static CollectionResponse From(CollectionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(
            CollectionAddress.FromKey(summary.Key).Collection, summary.Documents, summary.Accepted, summary.Splitting, summary.Embedding,
            summary.Indexed, summary.Failed);
    }
}
