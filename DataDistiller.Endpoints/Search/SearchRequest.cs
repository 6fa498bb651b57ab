using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Endpoints.Search;

/// <summary>
/// A search: the question, the collection (default <c>default</c>), how many hits (default: the strategy's final k)
/// and the strategy id (default: the arm a running experiment assigns the caller, else the configured one,
/// <c>hybrid-rerank@1</c>).
/// </summary>
public sealed record SearchRequest(
    [property: Required, StringLength(4000, MinimumLength = 1), Display(Name = "question")] string Question,
    string? Collection = null,
    [property: Range(1, 100), Display(Name = "k")] int? K = null,
    [property: StringLength(100), Display(Name = "strategy")] string? Strategy = null);
