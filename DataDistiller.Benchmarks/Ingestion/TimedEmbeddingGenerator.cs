using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>Adds up the time spent inside the model, so a run shows how busy the pipeline kept it.</summary>
internal sealed class TimedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private long _ticks;

    public TimeSpan Busy => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public void Reset() => Interlocked.Exchange(ref _ticks, 0);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await base.GenerateAsync(values, options, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
        }
    }
}
