using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Core.Chunking;

/// <summary>How documents are cut into chunks, in model tokens.</summary>
public sealed class ChunkingOptions : IValidatableObject
{
    public const string SectionName = "DataDistiller:Chunking";

    /// <summary>Largest chunk, in tokens of the embedding model's vocabulary (special tokens not counted).</summary>
    [Range(16, 8192)]
    public int MaxTokens { get; set; } = 200;

    /// <summary>Tokens repeated from the end of one chunk at the start of the next, so a fact cut in two is whole in one.</summary>
    [Range(0, 4096)]
    public int OverlapTokens { get; set; } = 40;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverlapTokens >= MaxTokens)
        {
            yield return new ValidationResult(
                $"OverlapTokens ({OverlapTokens}) must be smaller than MaxTokens ({MaxTokens}).",
                [nameof(OverlapTokens), nameof(MaxTokens)]);
        }
    }
}
