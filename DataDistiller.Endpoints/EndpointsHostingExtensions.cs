using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Endpoints;

/// <summary>What a host needs to map the search and query routes.</summary>
public static class EndpointsHostingExtensions
{
    /// <summary>
    /// Registers validation of this library's request records: the validation source generator only sees the routes
    /// mapped in the compilation that calls <c>AddValidation</c>, so a host's own call does not cover them.
    /// </summary>
    public static IHostApplicationBuilder AddRetrievalEndpoints(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();
        return builder;
    }
}
