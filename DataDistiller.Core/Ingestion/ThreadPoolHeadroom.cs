namespace DataDistiller.Core.Ingestion;

/// <summary>
/// The pipeline blocks thread-pool threads for long stretches (model inference, PDF parsing, SQLite calls that
/// complete synchronously). With the default minimum of one thread per core, requests then wait for the pool to
/// grow one thread at a time; measured on 2 cores, upload acknowledgements stalled for up to 5.5 s.
/// </summary>
public static class ThreadPoolHeadroom
{
    public const int ThreadsPerCore = 16;

    /// <summary>Raises the pool's minimum worker and I/O threads to <see cref="ThreadsPerCore"/> per core, never lowering it.</summary>
    public static void Ensure()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = ThreadsPerCore * Environment.ProcessorCount;
        ThreadPool.SetMinThreads(Math.Max(workers, wanted), Math.Max(io, wanted));
    }
}
