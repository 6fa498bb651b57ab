using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Onnx;

/// <summary>A folder without the model fails at start-up, not at the first question.</summary>
internal sealed class OnnxRerankerOptionsValidator : IValidateOptions<OnnxRerankerOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxRerankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return options.BaseUrl.IsAbsoluteUri
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{OnnxRerankerOptions.SectionName}:{nameof(options.BaseUrl)} must be an absolute URL.");
        }

        var missing = RerankerModelFiles.Names.Where(file => !File.Exists(System.IO.Path.Combine(options.Path, file))).ToList();
        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{OnnxRerankerOptions.SectionName}:{nameof(options.Path)} '{options.Path}' has no {string.Join(" or ", missing)}.");
    }
}
