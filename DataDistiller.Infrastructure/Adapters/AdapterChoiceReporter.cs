using DataDistiller.Infrastructure.Embedded;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Infrastructure.Adapters;

/// <summary>Logs which adapter serves each port and where the data directory is, so an operator never has to guess.</summary>
internal sealed partial class AdapterChoiceReporter(
    IEnumerable<AdapterChoice> choices,
    IServiceProvider services,
    ILogger<AdapterChoiceReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var choice in choices)
        {
            LogChoice(logger, choice.Port, choice.Adapter);
        }

        LogDataDirectory(logger, EmbeddedHostingExtensions.DataDirectory(services));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Port {Port}: {Adapter} adapter")]
    private static partial void LogChoice(ILogger logger, string port, string adapter);

    [LoggerMessage(LogLevel.Information, "Data directory: {DataDirectory}")]
    private static partial void LogDataDirectory(ILogger logger, string dataDirectory);
}
