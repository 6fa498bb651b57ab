using DataDistiller.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Adapters;

/// <summary>
/// Chooses an adapter per port from configuration, Aspire-style: a connection string selects the distributed
/// adapter, its absence the embedded one. Only the embedded adapters exist so far.
/// </summary>
public static class AdapterHostingExtensions
{
    public static IHostApplicationBuilder AddDataDistillerAdapters(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEmbeddedStorage();
        builder.Services.AddSingleton(new AdapterChoice("blob store", "folder"));
        builder.Services.AddSingleton(new AdapterChoice("message bus", "in-process (SQLite)"));
        builder.Services.AddSingleton(new AdapterChoice("job store", "SQLite"));
        builder.Services.AddSingleton(new AdapterChoice("experiment store", "SQLite"));
        builder.Services.AddSingleton(new AdapterChoice("chunk index", "local (SQLite FTS5 + in-memory vectors)"));
        builder.Services.AddHostedService<AdapterChoiceReporter>();
        return builder;
    }
}
