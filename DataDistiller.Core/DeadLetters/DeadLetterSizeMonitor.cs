using System.Diagnostics.Metrics;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataDistiller.Core.DeadLetters;

/// <summary>
/// Publishes how many dead letters wait for an operator as the gauge <c>datadistiller.deadletters.size</c>. A gauge
/// callback cannot await the store, so the count is read on a timer and the callback reports the last one read.
/// </summary>
public sealed partial class DeadLetterSizeMonitor : BackgroundService
{
    private readonly IDeadLetterStore _store;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DeadLetterSizeMonitor> _logger;
    private long _size = -1;

    public DeadLetterSizeMonitor(
        IDeadLetterStore store, IMeterFactory meterFactory, IOptions<IngestionOptions> options, TimeProvider timeProvider, ILogger<DeadLetterSizeMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _interval = options.Value.DeadLetterCountInterval;
        _timeProvider = timeProvider;
        _logger = logger;
        // The factory's meter lives as long as this host, so a stopped host stops reporting its count.
        meterFactory.Create(DeadLetterTelemetry.MeterName).CreateObservableGauge(
            DeadLetterTelemetry.SizeName,
            () => Interlocked.Read(ref _size) is var size and >= 0 ? [new Measurement<long>(size)] : Array.Empty<Measurement<long>>(),
            "{message}",
            "Dead letters waiting for replay or discard.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        try
        {
            do
            {
                try
                {
                    var page = await _store.ListAsync(new DeadLetterQuery(null, null, 1, 1), stoppingToken).ConfigureAwait(false);
                    Interlocked.Exchange(ref _size, page.Total);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A store outage keeps the last count: the dependency alerts say the store is down.
                    LogReadFailed(_logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Counting dead letters failed; the gauge keeps the last count")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
