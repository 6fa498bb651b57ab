using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Ingestion;

/// <summary>The cross-field rules of <see cref="IngestionOptions"/>, checked at start-up with the DataAnnotations.</summary>
public sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.RetryBaseDelay > options.RetryMaxDelay)
        {
            failures.Add($"{IngestionOptions.SectionName}:RetryBaseDelay ({options.RetryBaseDelay}) must not exceed RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        if (options.InPlaceAttempts > options.MaxAttempts)
        {
            failures.Add($"{IngestionOptions.SectionName}:InPlaceAttempts ({options.InPlaceAttempts}) must not exceed MaxAttempts ({options.MaxAttempts}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
