namespace DataDistiller.Api.Features.DeadLetters;

/// <summary>One page of dead letters, newest first, and how many match in all.</summary>
public sealed record DeadLetterList(IReadOnlyList<DeadLetterResponse> Items, int Page, int PageSize, int Total);
