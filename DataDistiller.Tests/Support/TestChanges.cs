using DataDistiller.Core.Documents;

namespace DataDistiller.Tests.Support;

/// <summary>Document changes for unit tests of live progress.</summary>
public static class TestChanges
{
    public static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static DocumentChanged Of(
        Guid id, string collection = "docs", DocumentStatus status = DocumentStatus.Embedding, int done = 0, int? total = 10, string? error = null) =>
        new(id, collection, "a.txt", status, done, total, error, At);
}
