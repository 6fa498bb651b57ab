using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Core.Retrieval;

/// <summary>
/// Loads the embedding model before the host starts serving, so <c>/health</c> answers only when the first
/// upload or search will not pay for the load.
/// </summary>
public sealed partial class EmbeddingModelWarmup(EmbeddingModelResolver models, ILogger<EmbeddingModelWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var model = models.Resolve();
        LogLoaded(logger, model.ModelId, model.Dimensions, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Embedding model {ModelId} ({Dimensions}-d) loaded in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, string modelId, int dimensions, double elapsedMs);
}
