namespace DataDistiller.Core.DeadLetters;

/// <summary>A page of dead letters, optionally of one source topic or one document; newest first.</summary>
public sealed record DeadLetterQuery(string? Topic, Guid? DocumentId, int Page, int PageSize);
