using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Core.Answers;

/// <summary>How the extractive answerer (no chat model configured) picks its sentences.</summary>
public sealed class AnswerOptions
{
    public const string SectionName = "DataDistiller:Answers";

    /// <summary>The most sentences an extractive answer quotes.</summary>
    [Range(1, 10)]
    public int ExtractiveMaxSentences { get; set; } = 2;

    /// <summary>
    /// The share of the question's content words a sentence must contain to be quoted; below it for every sentence,
    /// the answer is <see cref="AnswerPrompt.NotInSources"/>.
    /// </summary>
    [Range(0.01, 1.0)]
    public double ExtractiveMinCoverage { get; set; } = 0.5;
}
