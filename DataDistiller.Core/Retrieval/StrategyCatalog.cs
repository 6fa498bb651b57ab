using Microsoft.Extensions.Options;

namespace DataDistiller.Core.Retrieval;

/// <summary>Finds the strategy a request names, or the configured default when it names none.</summary>
public sealed class StrategyCatalog(IOptions<RetrievalOptions> options)
{
    /// <summary>The strategy that serves requests naming none.</summary>
    public RetrievalStrategy Default { get; } = RetrievalStrategies.Find(options.Value.DefaultStrategy)
        ?? throw new OptionsValidationException(RetrievalOptions.SectionName, typeof(RetrievalOptions), [$"Unknown default strategy '{options.Value.DefaultStrategy}'."]);

    /// <summary>The strategy <paramref name="id"/> names (<c>name@version</c>, or a bare name for its latest version), the default for null, else null.</summary>
    public RetrievalStrategy? Find(string? id) => string.IsNullOrWhiteSpace(id) ? Default : RetrievalStrategies.Find(id.Trim());
}
