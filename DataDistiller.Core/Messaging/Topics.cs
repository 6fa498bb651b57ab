namespace DataDistiller.Core.Messaging;

/// <summary>Topic names; a dead-letter topic is the topic name plus <see cref="DeadLetterSuffix"/>.</summary>
public static class Topics
{
    public const string DocRequests = "doc-requests";
    public const string ChunkProcessing = "chunk-processing";
    public const string DeadLetterSuffix = ".dlq";
    public const string DocRequestsDeadLetters = DocRequests + DeadLetterSuffix;
    public const string ChunkProcessingDeadLetters = ChunkProcessing + DeadLetterSuffix;

    /// <summary>The topics whose failed messages are dead-lettered.</summary>
    public static IReadOnlyList<string> WithDeadLetters { get; } = [DocRequests, ChunkProcessing];

    /// <summary>The dead-letter topic of <paramref name="topic"/>.</summary>
    public static string DeadLetterOf(string topic) => topic + DeadLetterSuffix;
}
