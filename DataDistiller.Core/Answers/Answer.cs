namespace DataDistiller.Core.Answers;

/// <summary>An answer with its sources and what produced it.</summary>
/// <param name="AnswerId">A version 7 id, so answers sort by time and feedback can name one.</param>
/// <param name="Text">The answer, with <c>[n]</c> markers, or <see cref="AnswerPrompt.NotInSources"/>.</param>
/// <param name="Strategy">The retrieval strategy that found the sources.</param>
/// <param name="Reranker">The re-ranker that ordered them, or null.</param>
/// <param name="Provider">What wrote the answer: a chat provider and model, <c>extractive</c>, or <c>none</c> without sources.</param>
/// <param name="Citations">The sources the answer cites, in order of first citation.</param>
/// <param name="Degraded">What retrieval left out because a dependency failed (e.g. the dense leg), or null.</param>
public sealed record Answer(
    Guid AnswerId, string Text, string Strategy, string? Reranker, string Provider, IReadOnlyList<Citation> Citations, string? Degraded = null);
