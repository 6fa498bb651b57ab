using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Endpoints.Query;

/// <summary>
/// A question: the collection (default <c>default</c>), the strategy id (default: the configured one), how many chunks
/// become sources (default: the strategy's final k), and whether to stream the answer as server-sent events.
/// </summary>
public sealed record QueryRequest(
    [property: Required, StringLength(4000, MinimumLength = 1), Display(Name = "question")] string Question,
    string? Collection = null,
    [property: StringLength(100), Display(Name = "strategy")] string? Strategy = null,
    [property: Range(1, 20), Display(Name = "k")] int? K = null,
    bool? Stream = null);
