using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace DataDistiller.Infrastructure.Chat;

/// <summary>The circuit breaker in front of the primary chat provider: while open, calls go straight to the secondary.</summary>
public static partial class ChatCircuitBreaker
{
    public static ResiliencePipeline Create(ChatModelOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        return new ResiliencePipelineBuilder { Name = "chat-primary", TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = Resilience.ResilienceTelemetry.Track("chat-primary"),
                // The caller giving up is not the provider failing; an HTTP timeout (also a cancellation) is.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                OnOpened = args =>
                {
                    LogOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    [LoggerMessage(LogLevel.Warning, "Primary chat provider circuit opened for {BreakDuration}; answers go to the secondary")]
    private static partial void LogOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(LogLevel.Information, "Primary chat provider circuit closed; answers go to the primary again")]
    private static partial void LogClosed(ILogger logger);
}
