using System.Globalization;
using System.Runtime.InteropServices;

namespace DataDistiller.Benchmarks;

/// <summary>The machine a run was measured on, read from /proc where it exists.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadProcField("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memory = ReadProcField("/proc/meminfo", "MemTotal");
        var ram = memory is null ? "unknown RAM" : $"{long.Parse(memory.Split(' ')[0], CultureInfo.InvariantCulture) / (1024 * 1024)} GiB RAM";
        return $"{Environment.ProcessorCount} logical CPUs ({cpu}), {ram}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? ReadProcField(string path, string field)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
