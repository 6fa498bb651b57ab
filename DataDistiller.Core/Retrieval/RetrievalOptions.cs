using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Core.Retrieval;

/// <summary>Which strategy serves a query that names none, the fusion constant, and the embedded re-scorer's settings.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "DataDistiller:Retrieval";

    /// <summary>The strategy id used when a request names none.</summary>
    [Required]
    public string DefaultStrategy { get; set; } = RetrievalStrategies.DefaultId;

    /// <summary>The k of reciprocal rank fusion, 1/(k + rank); 60 is the value of the original paper.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;

    /// <summary>How many of the best fused candidates the embedded re-scorer reads sentence by sentence.</summary>
    [Range(1, 100)]
    public int RescoreCandidates { get; set; } = 10;

    /// <summary>The share of the best sentence's similarity in the embedded re-scorer's score; the rest is the fused score.</summary>
    [Range(0.0, 1.0)]
    public double RescoreSentenceWeight { get; set; } = 0.25;
}
