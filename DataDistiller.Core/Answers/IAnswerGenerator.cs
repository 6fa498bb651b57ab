using DataDistiller.Core.Retrieval;

namespace DataDistiller.Core.Answers;

/// <summary>Writes an answer from numbered sources: a chat model, or the extractive answerer without one.</summary>
public interface IAnswerGenerator
{
    /// <summary>The whole answer to <paramref name="question"/> from <paramref name="sources"/> (source n is element n - 1).</summary>
    Task<GeneratedText> GenerateAsync(string question, IReadOnlyList<ChunkInfo> sources, CancellationToken cancellationToken);

    /// <summary>The answer as it is written, piece by piece.</summary>
    IAsyncEnumerable<GeneratedText> StreamAsync(string question, IReadOnlyList<ChunkInfo> sources, CancellationToken cancellationToken);
}
