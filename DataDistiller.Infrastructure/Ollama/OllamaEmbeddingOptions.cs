using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Infrastructure.Ollama;

/// <summary>
/// The Ollama embedding model, in the embedder's section next to the ONNX settings. Setting <see cref="OllamaModel"/>
/// (with <c>ConnectionStrings:ollama</c>) selects Ollama over the packaged model.
/// </summary>
public sealed class OllamaEmbeddingOptions : IValidatableObject
{
    public const string SectionName = "DataDistiller:Models:Embedder";

    /// <summary>The Ollama embedding model, e.g. <c>nomic-embed-text</c>.</summary>
    public string? OllamaModel { get; set; }

    /// <summary>
    /// The model's vector length (768 for nomic-embed-text). Recorded with each collection before the first call, so it is
    /// configured rather than probed; a reply of another length fails.
    /// </summary>
    [Range(1, 65_536)]
    public int? OllamaDimensions { get; set; }

    /// <summary>Text prepended to questions; nomic-embed-text expects <c>search_query: </c>.</summary>
    public string OllamaQueryPrefix { get; set; } = string.Empty;

    /// <summary>Text prepended to passages; nomic-embed-text expects <c>search_document: </c>.</summary>
    public string OllamaDocumentPrefix { get; set; } = string.Empty;

    /// <summary>How long one embedding call may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan OllamaTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OllamaModel) && OllamaDimensions is null)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(OllamaDimensions)} is required with {nameof(OllamaModel)} (e.g. 768 for nomic-embed-text).",
                [nameof(OllamaDimensions)]);
        }
    }
}
