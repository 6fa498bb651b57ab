using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Ingestion;
using DataDistiller.Core.Ports;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// Accepts the validated files of an upload, honouring the Idempotency-Key header: the first request with a key claims
/// it and records its 202 body; a retry with the same body gets that body again (nothing stored or published); the same
/// key with another body, or while the first is still running, is a 409.
/// </summary>
public sealed class DocumentUploads(DocumentIntake intake, IIdempotencyStore keys, IOptions<IdempotencyOptions> options, TimeProvider timeProvider)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>The header's key; a problem when it is empty or too long, null (and no problem) when it is absent.</summary>
    public static (string? Key, ProblemHttpResult? Problem) ReadKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            return (null, null);
        }

        var key = values.ToString().Trim();
        return key.Length is > 0 and <= MaxKeyLength && values.Count == 1
            ? (key, null)
            : (null, Problems.BadRequest($"The {HeaderName} header must be one value of 1 to {MaxKeyLength} characters."));
    }

    /// <summary>Accepts the stored files of a read upload; whatever is not accepted (a replayed or conflicting key, a failure) is removed.</summary>
    public async Task<(UploadAccepted? Body, ProblemHttpResult? Problem)> AcceptAsync(
        string collection, string? key, IReadOnlyList<UploadFile> files, Func<Guid, string> statusUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (key is null)
        {
            return (await AcceptFilesAsync(collection, files, statusUrl), null);
        }

        var hash = RequestHash(collection, files);
        var expiresAt = timeProvider.GetUtcNow() + options.Value.KeyLifetime;
        if (await ClaimAsync(collection, key, hash, expiresAt, files, cancellationToken) is { } held)
        {
            // The key's first request answers for this one: its bytes are not kept twice.
            await DiscardAsync(files, 0);
            return held switch
            {
                _ when held.RequestHash != hash => (null, Problems.Conflict(
                    $"The {HeaderName} was already used for another request to collection '{CollectionAddress.FromKey(collection).Collection}'; use a new key for new content.")),
                { Response: null } => (null, Problems.Conflict(
                    $"A request with this {HeaderName} is still being processed; retry it in a moment.")),
                _ => (JsonSerializer.Deserialize<UploadAccepted>(held.Response, JsonSerializerOptions.Web), null),
            };
        }

        UploadAccepted body;
        try
        {
            body = await AcceptFilesAsync(collection, files, statusUrl);
        }
        catch
        {
            // A retry with the key must run again; content dedupe keeps the files accepted before the failure from doubling.
            await keys.ReleaseAsync(collection, key, CancellationToken.None);
            throw;
        }

        await keys.CompleteAsync(collection, key, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), CancellationToken.None);
        return (body, null);
    }

    private async Task<IdempotencyClaim?> ClaimAsync(
        string collection, string key, string hash, DateTimeOffset expiresAt, IReadOnlyList<UploadFile> files, CancellationToken cancellationToken)
    {
        try
        {
            return await keys.TryClaimAsync(collection, key, hash, expiresAt, cancellationToken);
        }
        catch
        {
            await DiscardAsync(files, 0);
            throw;
        }
    }

    // The files are stored already, so the request's cancellation no longer applies: each is accepted or removed.
    private async Task<UploadAccepted> AcceptFilesAsync(string collection, IReadOnlyList<UploadFile> files, Func<Guid, string> statusUrl)
    {
        var documents = new List<AcceptedDocument>(files.Count);
        try
        {
            foreach (var (stored, name, contentType) in files)
            {
                var (document, duplicate) = await intake.AcceptAsync(collection, name, contentType, stored);
                documents.Add(new AcceptedDocument(
                    document.DocumentId,
                    document.JobId,
                    document.FileName,
                    duplicate ? document.Status.ToString().ToLowerInvariant() : "accepted",
                    statusUrl(document.DocumentId),
                    duplicate));
            }
        }
        catch
        {
            // The file that failed removed its own bytes; the ones after it were never accepted.
            await DiscardAsync(files, documents.Count + 1);
            throw;
        }

        return new UploadAccepted(documents);
    }

    private async Task DiscardAsync(IReadOnlyList<UploadFile> files, int from)
    {
        for (var i = from; i < files.Count; i++)
        {
            await intake.DiscardAsync(files[i].Stored);
        }
    }

    // The body as the key's owner sees it: the collection and each file's name and bytes (by their SHA-256), in order.
    private static string RequestHash(string collection, IReadOnlyList<UploadFile> files)
    {
        var text = new StringBuilder(collection).Append('\n');
        foreach (var upload in files)
        {
            text.Append(upload.Name).Append('\n').Append(upload.Stored.Blob.Sha256).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
