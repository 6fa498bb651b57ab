using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Core.Retrieval;

/// <summary>How many candidates each retrieval leg brings and how they are fused.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "DataDistiller:Retrieval";

    [Range(1, 1000)]
    public int DenseTopK { get; set; } = 20;

    [Range(1, 1000)]
    public int KeywordTopK { get; set; } = 20;

    /// <summary>The k of reciprocal rank fusion, 1/(k + rank); 60 is the value of the original paper.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;
}
