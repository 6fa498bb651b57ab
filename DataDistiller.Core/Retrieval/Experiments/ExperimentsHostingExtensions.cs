using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Core.Retrieval.Experiments;

/// <summary>Registers A/B routing of retrieval strategies; the host registers an <see cref="Ports.IExperimentStore"/> adapter.</summary>
public static class ExperimentsHostingExtensions
{
    /// <summary>Adds the <see cref="ExperimentRouter"/>.</summary>
    public static IHostApplicationBuilder AddExperiments(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ExperimentRouter>();
        return builder;
    }
}
