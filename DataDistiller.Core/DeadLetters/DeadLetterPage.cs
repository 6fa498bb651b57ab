namespace DataDistiller.Core.DeadLetters;

/// <summary>One page of dead letters and how many match in all.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, int Total);
