namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>A person's rating of one answer; the latest rating of an answer is the one that counts.</summary>
/// <param name="Id">A version 7 Guid.</param>
/// <param name="AnswerId">The query or answer id the rating is about.</param>
/// <param name="Rating">Up or down.</param>
/// <param name="Comment">Optional free text.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="Tenant">The tenant giving it: only an answer served in one of its collections can be rated; null: any.</param>
public sealed record AnswerFeedback(Guid Id, Guid AnswerId, FeedbackRating Rating, string? Comment, DateTimeOffset ReceivedAt, string? Tenant = null);
