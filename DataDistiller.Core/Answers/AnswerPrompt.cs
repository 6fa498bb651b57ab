using System.Text;
using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace DataDistiller.Core.Answers;

/// <summary>
/// The grounded-answer prompt: numbered sources (<c>[1] file, p. 3: text</c>), the question, and instructions to
/// answer only from the sources, cite them as <c>[n]</c>, and say <see cref="NotInSources"/> when they do not answer.
/// </summary>
public static class AnswerPrompt
{
    /// <summary>The fixed reply for a question the sources do not answer; fixed so code can detect it.</summary>
    public const string NotInSources = "The sources do not contain the answer.";

    private const string Instructions =
        "You answer questions using only the numbered sources the user gives you.\n" +
        "- Use only facts stated in the sources. Never add outside knowledge, even when you know the answer.\n" +
        "- After each sentence that uses a source, cite it with its number in square brackets, e.g. [1] or [1][3].\n" +
        "- If the sources do not contain the answer, reply with exactly this sentence and nothing else: " + NotInSources + "\n" +
        "- Answer briefly, in the language of the question.";

    /// <summary>The system and user messages asking <paramref name="question"/> over <paramref name="sources"/>.</summary>
    public static IList<ChatMessage> Build(string question, IReadOnlyList<ChunkInfo> sources)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sources);
        var user = new StringBuilder("Sources:\n");
        for (var i = 0; i < sources.Count; i++)
        {
            user.Append(Source(i + 1, sources[i])).Append("\n\n");
        }

        user.Append("Question: ").Append(question.Trim());
        return [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, user.ToString())];
    }

    /// <summary>One numbered source line: <c>[n] file, p. 3: text</c> (<c>pp. 3-4</c> when the chunk spans pages).</summary>
    public static string Source(int n, ChunkInfo chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var pages = chunk.PageEnd > chunk.PageStart ? $"pp. {chunk.PageStart}-{chunk.PageEnd}" : $"p. {chunk.PageStart}";
        return $"[{n}] {chunk.FileName}, {pages}: {chunk.Text.Trim()}";
    }

    /// <summary>True when <paramref name="answer"/> says anywhere that the sources do not contain the answer.</summary>
    public static bool IsNotInSources(string answer) =>
        answer is not null && answer.Contains(NotInSources.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="answer"/> is the refusal: it opens with <see cref="NotInSources"/>.</summary>
    public static bool StartsWithNotInSources(string answer) =>
        answer is not null && answer.TrimStart().StartsWith(NotInSources.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
