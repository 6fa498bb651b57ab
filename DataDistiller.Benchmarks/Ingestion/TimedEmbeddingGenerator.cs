using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>
/// Adds up the time spent inside the model, so a run shows how busy the pipeline kept it. It can also stand in for the
/// model (<see cref="StandIn"/>): each call then waits as long as the model would take and returns a fixed vector,
/// using no CPU, so what the process spends is the pipeline alone, in the pipeline's usual rhythm of full batches.
/// </summary>
internal sealed class TimedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private long _ticks;
    private (TimeSpan PerInput, float[] Vector)? _standIn;

    /// <summary>From now on, answers without the model: <paramref name="perInput"/> of waiting per input, then <paramref name="vector"/> for each.</summary>
    public void StandIn(TimeSpan perInput, float[] vector) => _standIn = (perInput, vector);

    public TimeSpan Busy => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public void Reset() => Interlocked.Exchange(ref _ticks, 0);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_standIn is var (perInput, vector))
            {
                var inputs = values.Count();
                await Task.Delay(perInput * inputs, cancellationToken);
                return [.. Enumerable.Range(0, inputs).Select(_ => new Embedding<float>(vector))];
            }

            return await base.GenerateAsync(values, options, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
        }
    }
}
