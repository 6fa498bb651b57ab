namespace DataDistiller.Benchmarks.Embedders;

/// <summary>One line of <c>squad/questions.jsonl</c>; unanswerable ones have no gold paragraph.</summary>
internal sealed record SquadQuestion(string Id, string Question, string? GoldParagraphId, bool IsImpossible, IReadOnlyList<string>? Answers = null);
