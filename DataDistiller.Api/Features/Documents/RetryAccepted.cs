namespace DataDistiller.Api.Features.Documents;

/// <summary>A failed document sent back into the pipeline: how many of its dead letters were replayed and where to follow it.</summary>
public sealed record RetryAccepted(Guid DocumentId, int Replayed, string StatusUrl);
