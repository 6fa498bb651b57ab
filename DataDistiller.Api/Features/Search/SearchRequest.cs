using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Api.Features.Search;

/// <summary>A search: the question, the collection (default <c>default</c>) and how many hits (default 10).</summary>
public sealed record SearchRequest(
    [property: Required, StringLength(4000, MinimumLength = 1), Display(Name = "question")] string Question,
    string? Collection,
    [property: Range(1, 100), Display(Name = "k")] int? K);
