using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>The cross-field rules DataAnnotations cannot express; a bad path fails at start-up, not at the first embed.</summary>
internal sealed class OnnxEmbeddingOptionsValidator : IValidateOptions<OnnxEmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasModel = !string.IsNullOrWhiteSpace(options.ModelPath);
        var hasVocab = !string.IsNullOrWhiteSpace(options.VocabPath);
        if (hasModel != hasVocab)
        {
            failures.Add($"{nameof(options.ModelPath)} and {nameof(options.VocabPath)} must be set together.");
        }

        if (hasModel && string.IsNullOrWhiteSpace(options.ModelId))
        {
            failures.Add($"{nameof(options.ModelId)} is required with {nameof(options.ModelPath)}: it is recorded with every vector.");
        }

        if (hasModel && !File.Exists(options.ModelPath))
        {
            failures.Add($"{nameof(options.ModelPath)} '{options.ModelPath}' does not exist.");
        }

        if (hasVocab && !File.Exists(options.VocabPath))
        {
            failures.Add($"{nameof(options.VocabPath)} '{options.VocabPath}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
