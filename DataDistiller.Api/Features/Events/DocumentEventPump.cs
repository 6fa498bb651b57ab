using DataDistiller.Core.Ports;

namespace DataDistiller.Api.Features.Events;

/// <summary>Feeds the hub from the pipeline's events (in process, or PostgreSQL NOTIFY from the Workers).</summary>
public sealed partial class DocumentEventPump(
    IDocumentEventSource source, DocumentEventHub hub, TimeProvider timeProvider, ILogger<DocumentEventPump> logger) : BackgroundService
{
    private static readonly TimeSpan s_restartDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in source.ReadAllAsync(stoppingToken))
                {
                    hub.Publish(change);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Live views stop updating but the API keeps serving: the store still answers status requests.
                LogSourceFailed(logger, ex);
            }

            try
            {
                await Task.Delay(s_restartDelay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "The document event source failed; restarting it")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception);
}
