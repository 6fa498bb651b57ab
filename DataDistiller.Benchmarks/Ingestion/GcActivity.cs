using System.Globalization;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>
/// The GC's pause time and collections of each generation in this process so far; one subtracted from a later one is
/// what the GC did in between.
/// </summary>
internal readonly record struct GcActivity(TimeSpan Pauses, int Gen0, int Gen1, int Gen2)
{
    public static GcActivity Now() =>
        new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public static GcActivity operator -(GcActivity after, GcActivity before) =>
        new(after.Pauses - before.Pauses, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);

    public static GcActivity Subtract(GcActivity after, GcActivity before) => after - before;

    /// <summary>"gen0 / gen1 / gen2", each divided by <paramref name="per"/> (a sample's repeats, say).</summary>
    public string Collections(int per = 1) =>
        string.Join(" / ", new[] { Gen0, Gen1, Gen2 }.Select(count => (count / (double)per).ToString("0.#", CultureInfo.InvariantCulture)));
}
