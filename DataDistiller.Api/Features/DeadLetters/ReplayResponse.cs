namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>How many dead letters were sent back to their topics; their documents report progress on their status routes.</summary>
public sealed record ReplayResponse(int Replayed);
