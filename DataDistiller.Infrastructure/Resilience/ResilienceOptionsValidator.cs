using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>DataAnnotations on each dependency's settings: ValidateDataAnnotations does not descend into nested objects.</summary>
public sealed class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, ResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (dependency, settings) in Dependencies(options))
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{ResilienceOptions.SectionName}:{dependency}: {r.ErrorMessage}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<(string Name, DependencyResilienceOptions Settings)> Dependencies(ResilienceOptions options) =>
    [
        (nameof(options.JobStore), options.JobStore),
        (nameof(options.BlobStore), options.BlobStore),
        (nameof(options.ChunkIndex), options.ChunkIndex),
        (nameof(options.Embedder), options.Embedder),
        (nameof(options.Reranker), options.Reranker),
    ];
}
