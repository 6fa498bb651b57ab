using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Api.Features.Feedback;

/// <summary>A rating of one answer: <c>answerId</c> is the <c>queryId</c> of a search or the id of an answer; <c>rating</c> is <c>up</c> or <c>down</c>.</summary>
public sealed record FeedbackRequest(
    [property: Required, Display(Name = "answerId")] Guid? AnswerId,
    [property: Required, Display(Name = "rating")] string? Rating,
    [property: StringLength(2000), Display(Name = "comment")] string? Comment = null);
