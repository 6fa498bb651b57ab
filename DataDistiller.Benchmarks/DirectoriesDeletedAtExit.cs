using System.Collections.Concurrent;

namespace DataDistiller.Benchmarks;

/// <summary>
/// Throwaway data directories, deleted when the benchmark process exits rather than between its measurements. On an ext4
/// file system without a journal (this VM's), the kernel skips every inode freed in the last minute or more when it
/// allocates a new one, checking each: after a host deleted its thousands of blob files, every file the next measurement
/// created cost a scan (docs/benchmarks.md, "The file system between runs").
/// </summary>
internal static class DirectoriesDeletedAtExit
{
    private static readonly ConcurrentQueue<string> s_directories = new();

    static DirectoriesDeletedAtExit() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    public static void Add(string directory) => s_directories.Enqueue(directory);

    private static void DeleteAll()
    {
        while (s_directories.TryDequeue(out var directory))
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
