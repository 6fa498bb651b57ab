using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;

namespace DataDistiller.Tests.Support;

/// <summary>Job rows written straight to a store, with no upload and no message: a document as a crash or a test leaves it.</summary>
public static class TestDocuments
{
    /// <summary>Writes document <paramref name="id"/>, <c>accepted</c> at <paramref name="now"/> in collection <c>default</c>, over <paramref name="blob"/> when given.</summary>
    public static async Task<Guid> CreateAcceptedAsync(
        IJobStore jobs, Guid id, DateTimeOffset now, string fileName, CancellationToken cancellationToken, StoredBlob? blob = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        await jobs.EnsureCollectionAsync("default", cancellationToken);
        await jobs.CreateAsync(
            new DocumentRecord
            {
                DocumentId = id,
                JobId = Guid.CreateVersion7(now),
                Collection = "default",
                FileName = fileName,
                ContentType = "text/plain",
                BlobKey = blob?.Key ?? $"default/{id:N}",
                SizeBytes = blob?.SizeBytes ?? 3,
                Sha256 = blob?.Sha256 ?? id.ToString("N"),
                AcceptedAt = now,
                UpdatedAt = now,
            },
            cancellationToken);
        return id;
    }
}
