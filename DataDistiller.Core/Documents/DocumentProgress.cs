namespace DataDistiller.Core.Documents;

/// <summary>A document's state and chunk counts after a change.</summary>
public sealed record DocumentProgress(Guid DocumentId, DocumentStatus Status, int ChunksDone, int? ChunksTotal)
{
    /// <summary>Percent done: chunks done over chunks total; 100 once indexed.</summary>
    public static int Percent(DocumentStatus status, int chunksDone, int? chunksTotal) => status switch
    {
        DocumentStatus.Indexed => 100,
        _ when chunksTotal is > 0 => (int)(100L * chunksDone / chunksTotal.Value),
        _ => 0,
    };
}
