using DataDistiller.Core.Documents;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.Events;

public sealed class DocumentChangedTests
{
    private static readonly Guid s_id = Guid.CreateVersion7();

    [Theory]
    [InlineData(DocumentStatus.Embedding, 4, DocumentStatus.Embedding, 6, true)]
    [InlineData(DocumentStatus.Embedding, 6, DocumentStatus.Embedding, 4, false)]
    [InlineData(DocumentStatus.Splitting, 0, DocumentStatus.Embedding, 0, true)]
    [InlineData(DocumentStatus.Embedding, 9, DocumentStatus.Indexed, 10, true)]
    [InlineData(DocumentStatus.Indexed, 10, DocumentStatus.Embedding, 9, false)]
    [InlineData(DocumentStatus.Failed, 2, DocumentStatus.Embedding, 2, false)]
    [InlineData(DocumentStatus.Embedding, 2, DocumentStatus.Failed, 2, false)]
    [InlineData(DocumentStatus.Accepted, 0, DocumentStatus.Failed, 0, false)]
    [InlineData(DocumentStatus.Deleted, 0, DocumentStatus.Indexed, 10, false)]
    public void IsStaleAfter_ByStatusAndChunks_OnlyWhenOlder(DocumentStatus status, int done, DocumentStatus previousStatus, int previousDone, bool stale)
    {
        // Arrange
        var change = TestChanges.Of(s_id, status: status, done: done);
        var previous = TestChanges.Of(s_id, status: previousStatus, done: previousDone);

        // Act + Assert
        Assert.Equal(stale, change.IsStaleAfter(previous));
    }

    [Fact]
    public void IsStaleAfter_NothingOrAnotherDocument_IsNeverStale()
    {
        // Arrange
        var change = TestChanges.Of(s_id, status: DocumentStatus.Accepted);

        // Act + Assert
        Assert.False(change.IsStaleAfter(null));
        Assert.False(change.IsStaleAfter(TestChanges.Of(Guid.CreateVersion7(), status: DocumentStatus.Indexed)));
    }

    [Fact]
    public void From_ADocument_CarriesItsStateAndProgress()
    {
        // Arrange
        var document = new DocumentRecord
        {
            DocumentId = s_id, JobId = Guid.CreateVersion7(), Collection = "acme.docs", FileName = "a.pdf", ContentType = "application/pdf",
            BlobKey = "k", SizeBytes = 1, Sha256 = "00", Status = DocumentStatus.Embedding, ChunksDone = 3, ChunksTotal = 12,
            AcceptedAt = TestChanges.At, UpdatedAt = TestChanges.At,
        };

        // Act
        var change = DocumentChanged.From(document, TestChanges.At);

        // Assert
        Assert.Equal(new DocumentChanged(s_id, "acme.docs", "a.pdf", DocumentStatus.Embedding, 3, 12, null, TestChanges.At), change);
        Assert.Equal(25, change.Progress);
        Assert.False(change.IsFinal);
    }
}
