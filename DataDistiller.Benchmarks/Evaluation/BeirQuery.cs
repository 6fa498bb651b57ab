namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>One line of a BEIR <c>queries.jsonl</c>.</summary>
internal sealed record BeirQuery(string Id, string Text);
