using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace DataDistiller.Infrastructure.Resilience;

/// <summary>
/// An optional bulkhead, then a circuit breaker around a timeout, for one dependency. Every failure leaves as a
/// <see cref="DependencyUnavailableException"/>, so callers handle one type whatever the adapter throws.
/// </summary>
public sealed partial class DependencyPipeline
{
    private static readonly TimeSpan s_busyRetryAfter = TimeSpan.FromSeconds(1);

    private readonly string _dependency;
    private readonly DependencyResilienceOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public DependencyPipeline(string dependency, DependencyResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dependency = dependency;
        _options = options;
        // The bulkhead is outside the breaker so a refused call never counts as a failure; the breaker is outside the
        // timeout so a timed-out call does.
        var builder = new ResiliencePipelineBuilder { Name = dependency, TimeProvider = timeProvider };
        if (options.MaxConcurrentCalls is { } permits)
        {
            builder.AddConcurrencyLimiter(permits, options.MaxQueuedCalls);
        }

        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = ResilienceTelemetry.Track(dependency),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsDependencyFailure(ex, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    LogOpened(logger, dependency, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger, dependency);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await _pipeline.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new DependencyUnavailableException(_dependency, "circuit open", ex.RetryAfter ?? _options.BreakDuration, ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw new DependencyUnavailableException(_dependency, "busy", ex.RetryAfter ?? s_busyRetryAfter, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new DependencyUnavailableException(_dependency, "timed out", _options.BreakDuration, ex);
        }
        catch (Exception ex) when (IsDependencyFailure(ex, cancellationToken))
        {
            throw new DependencyUnavailableException(_dependency, "failed", _options.BreakDuration, ex);
        }
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        ExecuteAsync(
            async ct =>
            {
                await call(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    // The caller giving up is not the dependency failing; a bug in our arguments or a missing item is not an outage either.
    private static bool IsDependencyFailure(Exception ex, CancellationToken cancellationToken) =>
        ex switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => false,
            ArgumentException or FileNotFoundException or NotSupportedException or DependencyUnavailableException
                or EmbeddingModelMismatchException or ContentReadException => false,
            _ => true,
        };

    [LoggerMessage(LogLevel.Warning, "Circuit of {Dependency} opened for {BreakDuration}")]
    private static partial void LogOpened(ILogger logger, string dependency, TimeSpan breakDuration);

    [LoggerMessage(LogLevel.Information, "Circuit of {Dependency} closed")]
    private static partial void LogClosed(ILogger logger, string dependency);
}
