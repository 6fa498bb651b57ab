namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>One line of a BEIR <c>corpus.jsonl</c>.</summary>
internal sealed record BeirDocument(string Id, string Title, string Text);
