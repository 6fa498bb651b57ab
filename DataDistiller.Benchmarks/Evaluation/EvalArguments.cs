namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>
/// <c>eval [--corpus corpus.jsonl --queries queries.jsonl --qrels qrels.tsv] [--strategies a@1,b@1] [--max-queries n]</c>;
/// without a BEIR set, the shared SQuAD sample.
/// </summary>
internal sealed record EvalArguments(string? Corpus, string? Queries, string? Qrels, IReadOnlyList<string>? Strategies, int? MaxQueries)
{
    public static EvalArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var parsed = new EvalArguments(
            values.GetValueOrDefault("corpus"),
            values.GetValueOrDefault("queries"),
            values.GetValueOrDefault("qrels"),
            values.TryGetValue("strategies", out var strategies) ? strategies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
            values.TryGetValue("max-queries", out var max) ? int.Parse(max, System.Globalization.CultureInfo.InvariantCulture) : null);
        var given = new[] { parsed.Corpus, parsed.Queries, parsed.Qrels }.Count(p => p is not null);
        return given is 0 or 3 ? parsed : throw new ArgumentException("--corpus, --queries and --qrels go together.");
    }
}
