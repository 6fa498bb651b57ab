namespace DataDistiller.Core.Documents;

/// <summary>A stored collection (by its key, <c>{tenant}.{collection}</c>) and how many of its live documents are in each state.</summary>
public sealed record CollectionSummary(string Key, int Accepted, int Splitting, int Embedding, int Indexed, int Failed)
{
    public int Documents => Accepted + Splitting + Embedding + Indexed + Failed;

    /// <summary>The summary with <paramref name="count"/> more documents in <paramref name="status"/>; deleted ones do not count.</summary>
    public CollectionSummary Add(DocumentStatus status, int count) => status switch
    {
        DocumentStatus.Accepted => this with { Accepted = Accepted + count },
        DocumentStatus.Splitting => this with { Splitting = Splitting + count },
        DocumentStatus.Embedding => this with { Embedding = Embedding + count },
        DocumentStatus.Indexed => this with { Indexed = Indexed + count },
        DocumentStatus.Failed => this with { Failed = Failed + count },
        _ => this,
    };
}
