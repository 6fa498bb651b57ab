using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using DataDistiller.Benchmarks.Ingestion;

namespace DataDistiller.Benchmarks.Load;

/// <summary>
/// Latencies of the successful calls of one kind and the count of every outcome (status code or exception), from many
/// threads; <paramref name="clock"/> runs from the start of the load, so the rate is taken up to this kind's last answer.
/// </summary>
internal sealed class LoadSamples(string name, HttpStatusCode success, Stopwatch clock)
{
    private readonly ConcurrentQueue<TimeSpan> _latencies = new();
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _degraded = new(StringComparer.Ordinal);
    private long _lastAnswerTicks;

    public string Name { get; } = name;

    public int Succeeded => _latencies.Count;

    /// <summary>The successes that said part of the work was left out, by what was left out ("0" when none).</summary>
    public string DegradedSummary => _degraded.IsEmpty
        ? "0"
        : string.Join(", ", _degraded.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}: {d.Value}"));

    public int Failed => _outcomes.Where(o => o.Key != Code(success)).Sum(o => o.Value);

    public void Record(HttpStatusCode status, TimeSpan latency)
    {
        _outcomes.AddOrUpdate(Code(status), 1, (_, n) => n + 1);
        Answered();
        if (status == success)
        {
            _latencies.Enqueue(latency);
        }
    }

    public void RecordDegraded(string what) => _degraded.AddOrUpdate(what, 1, (_, n) => n + 1);

    public void RecordException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _outcomes.AddOrUpdate(exception.GetType().Name, 1, (_, n) => n + 1);
        Answered();
    }

    /// <summary>A markdown table row: calls, successes, errors by outcome, successes per second until the last answer, p50/p95/p99/max of the successes.</summary>
    public string Row()
    {
        var window = TimeSpan.FromTicks(Interlocked.Read(ref _lastAnswerTicks));
        var latencies = _latencies.ToArray();
        var errors = string.Join(", ", _outcomes.Where(o => o.Key != Code(success)).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));
        var percentiles = latencies.Length == 0
            ? "– | – | – | –"
            : $"{Ms(Percentiles.Of(latencies, 50))} | {Ms(Percentiles.Of(latencies, 95))} | {Ms(Percentiles.Of(latencies, 99))} | {Ms(latencies.Max())}";
        return $"| {Name} | {_outcomes.Values.Sum()} | {latencies.Length} | {(errors.Length == 0 ? "0" : errors)} | " +
            $"{(window > TimeSpan.Zero ? latencies.Length / window.TotalSeconds : 0).ToString("F1", CultureInfo.InvariantCulture)} | {percentiles} |";
    }

    private void Answered()
    {
        var now = clock.Elapsed.Ticks;
        for (var last = Interlocked.Read(ref _lastAnswerTicks); now > last; last = Interlocked.Read(ref _lastAnswerTicks))
        {
            if (Interlocked.CompareExchange(ref _lastAnswerTicks, now, last) == last)
            {
                return;
            }
        }
    }

    private static string Code(HttpStatusCode status) => ((int)status).ToString(CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}
