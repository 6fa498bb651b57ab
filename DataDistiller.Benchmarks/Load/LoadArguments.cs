using System.Globalization;
using DataDistiller.Core.Retrieval;

namespace DataDistiller.Benchmarks.Load;

/// <summary>
/// <c>load [--seconds 60] [--uploaders 200] [--qps 50] [--max-uploads 20000] [--max-queries-in-flight 200]
/// [--drain-seconds 1800] [--strategy hybrid-rerank@1]</c>: every figure bounded so a smoke run (<c>--seconds 5</c>) is cheap.
/// </summary>
internal sealed record LoadArguments(
    TimeSpan Duration, int Uploaders, double QueriesPerSecond, int MaxUploads, int MaxQueriesInFlight, TimeSpan DrainBound, string Strategy)
{
    public static LoadArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var parsed = new LoadArguments(
            TimeSpan.FromSeconds(Number(values, "seconds", 60)),
            (int)Number(values, "uploaders", 200),
            Number(values, "qps", 50),
            (int)Number(values, "max-uploads", 20000),
            (int)Number(values, "max-queries-in-flight", 200),
            TimeSpan.FromSeconds(Number(values, "drain-seconds", 1800)),
            values.GetValueOrDefault("strategy") ?? RetrievalStrategies.DefaultId);
        return parsed.Duration > TimeSpan.Zero && parsed.Uploaders >= 0 && parsed.QueriesPerSecond >= 0 && parsed.MaxUploads >= 0 && parsed.MaxQueriesInFlight > 0
            ? parsed
            : throw new ArgumentException("--seconds and --max-queries-in-flight must be positive; --uploaders, --qps and --max-uploads not negative.");
    }

    private static double Number(Dictionary<string, string> values, string name, double fallback) =>
        values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
