using DataDistiller.Core.Retrieval;

namespace DataDistiller.Core.Answers;

/// <summary>A question to answer from a collection with a retrieval strategy.</summary>
/// <param name="Question">The question.</param>
/// <param name="Collection">The collection to search.</param>
/// <param name="Strategy">The retrieval strategy.</param>
/// <param name="K">How many chunks become sources; null for the strategy's final k.</param>
public sealed record AnswerRequest(string Question, string Collection, RetrievalStrategy Strategy, int? K);
