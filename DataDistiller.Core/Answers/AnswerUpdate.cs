namespace DataDistiller.Core.Answers;

/// <summary>One step of a streamed answer: a text delta, or, last, the whole answer with its citations.</summary>
/// <param name="Delta">The next piece of the answer's text, or null on the final update.</param>
/// <param name="Answer">The whole answer on the final update, else null.</param>
public sealed record AnswerUpdate(string? Delta, Answer? Answer)
{
    public static AnswerUpdate Text(string delta) => new(delta, null);

    public static AnswerUpdate Completed(Answer answer) => new(null, answer);
}
