namespace DataDistiller.Benchmarks.Embedders;

/// <summary>One line of <c>squad/corpus.jsonl</c>.</summary>
internal sealed record SquadParagraph(string Id, string Title, string Text);
