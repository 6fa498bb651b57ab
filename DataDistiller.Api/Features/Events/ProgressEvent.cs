using DataDistiller.Core.Documents;

namespace DataDistiller.Api.Features.Events;

/// <summary>A document's state as a live client sees it (WebSocket frame and server-sent event data).</summary>
public sealed record ProgressEvent(
    string Type,
    Guid DocumentId,
    string Collection,
    string FileName,
    DocumentStatus Status,
    int Progress,
    int ChunksDone,
    int? ChunksTotal,
    string? Error,
    DateTimeOffset At)
{
    public const string TypeName = "progress";

    /// <summary>The client sees its own collection name, never the stored key that carries the tenant.</summary>
    public static ProgressEvent From(DocumentChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(TypeName, change.DocumentId, CollectionAddress.FromKey(change.Collection).Collection, change.FileName, change.Status,
            change.Progress, change.ChunksDone, change.ChunksTotal, change.Error, change.OccurredAt);
    }
}
