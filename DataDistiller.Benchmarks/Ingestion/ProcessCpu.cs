using System.Diagnostics;
using System.Globalization;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>
/// CPU time of this process split into the embedding model's inference workers and everything else (request handling,
/// the pipeline's own work, SQLite, GC), read from /proc; zero where /proc is absent. The model's share is what the
/// raw baseline also pays; the rest is what the pipeline costs on top.
/// </summary>
internal readonly record struct ProcessCpu(TimeSpan Model, TimeSpan Total)
{
    // The pool names its workers "onnx-inference-N"; Linux keeps the first 15 characters of a thread's name.
    private const string ModelThreadPrefix = "onnx-inference";

    // USER_HZ, the unit of utime and stime in /proc/<pid>/task/<tid>/stat, is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    public TimeSpan Other => Total - Model;

    public static ProcessCpu Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCpu(ModelThreadsTime(), process.TotalProcessorTime);
    }

    public static ProcessCpu operator -(ProcessCpu after, ProcessCpu before) => new(after.Model - before.Model, after.Total - before.Total);

    public static ProcessCpu Subtract(ProcessCpu after, ProcessCpu before) => after - before;

    private static TimeSpan ModelThreadsTime()
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(ModelThreadPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                // The name in field 2 may hold spaces or parentheses: the numeric fields start after the last ')'.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
