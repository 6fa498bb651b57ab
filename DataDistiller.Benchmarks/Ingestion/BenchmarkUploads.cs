using System.Net;
using System.Net.Http.Headers;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ports;

namespace DataDistiller.Benchmarks.Ingestion;

/// <summary>Uploads through the real HTTP route and waits for the pipeline, as a user would.</summary>
internal static class BenchmarkUploads
{
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, BenchmarkDocument document, string collection, CancellationToken cancellationToken)
    {
        var response = await SendAsync(client, document, collection, cancellationToken);
        return response.StatusCode == HttpStatusCode.Accepted
            ? response
            : throw new InvalidOperationException($"Upload of {document.FileName} answered {(int)response.StatusCode}.");
    }

    /// <summary>Several files in one request, as a bulk client sends them (the form field <c>files</c> repeated).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, IReadOnlyList<BenchmarkDocument> documents, string collection, CancellationToken cancellationToken)
    {
        var response = await SendAsync(client, documents, collection, cancellationToken);
        return response.StatusCode == HttpStatusCode.Accepted
            ? response
            : throw new InvalidOperationException($"Upload of {documents.Count} files answered {(int)response.StatusCode}.");
    }

    /// <summary>One upload as a multipart form, whatever it answers.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, BenchmarkDocument document, string collection, CancellationToken cancellationToken) =>
        SendAsync(client, [document], collection, cancellationToken);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, IReadOnlyList<BenchmarkDocument> documents, string collection, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        foreach (var document in documents)
        {
            var file = new ByteArrayContent(document.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "files", document.FileName);
        }

        form.Add(new StringContent(collection), "collection");
        return await client.PostAsync("/api/v2/documents", form, cancellationToken);
    }

    /// <summary>
    /// Every document of <paramref name="collection"/> once <paramref name="count"/> of them have ended (indexed or failed).
    /// When the last one ended is <see cref="EndedAt"/>, read from the rows: the poll's own period never enters a timing.
    /// </summary>
    public static async Task<IReadOnlyList<DocumentRecord>> WaitUntilEndedAsync(IJobStore jobs, string collection, int count, CancellationToken cancellationToken)
    {
        // The poll runs in the measured process: at 20 Hz its counts were 4 % of the pipeline's non-model CPU.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var indexed = (await jobs.ListAsync(new DocumentQuery(collection, DocumentStatus.Indexed, 1, 1), cancellationToken)).Total;
            var failed = (await jobs.ListAsync(new DocumentQuery(collection, DocumentStatus.Failed, 1, 1), cancellationToken)).Total;
            if (indexed + failed == count)
            {
                return (await jobs.ListAsync(new DocumentQuery(collection, null, 1, count), cancellationToken)).Items;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>
    /// Uploads every document, <paramref name="filesPerRequest"/> to a request, and waits until all have ended: their rows,
    /// and the time from the first upload until the last of them ended.
    /// </summary>
    public static async Task<(IReadOnlyList<DocumentRecord> Ended, TimeSpan Elapsed)> IngestAsync(
        HttpClient client, IJobStore jobs, IReadOnlyList<BenchmarkDocument> documents, string collection, int filesPerRequest, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        foreach (var request in documents.Chunk(filesPerRequest))
        {
            using var response = await UploadAsync(client, request, collection, cancellationToken);
        }

        var ended = await WaitUntilEndedAsync(jobs, collection, documents.Count, cancellationToken);
        return (ended, EndedAt(ended) - startedAt);
    }

    /// <summary>When the last of <paramref name="documents"/> reached its final state, by the pipeline's own clock.</summary>
    private static DateTimeOffset EndedAt(IReadOnlyList<DocumentRecord> documents) =>
        documents.Max(d => d.IndexedAt ?? d.FailedAt ?? d.UpdatedAt);
}
