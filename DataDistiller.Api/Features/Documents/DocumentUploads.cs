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

    public async Task<(UploadAccepted? Body, ProblemHttpResult? Problem)> AcceptAsync(
        string collection, string? key, IReadOnlyList<UploadFile> files, Func<Guid, string> statusUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (key is null)
        {
            return (await AcceptFilesAsync(collection, files, statusUrl, cancellationToken), null);
        }

        var hash = await RequestHashAsync(collection, files, cancellationToken);
        var expiresAt = timeProvider.GetUtcNow() + options.Value.KeyLifetime;
        if (await keys.TryClaimAsync(collection, key, hash, expiresAt, cancellationToken) is { } held)
        {
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
            body = await AcceptFilesAsync(collection, files, statusUrl, cancellationToken);
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

    private async Task<UploadAccepted> AcceptFilesAsync(
        string collection, IReadOnlyList<UploadFile> files, Func<Guid, string> statusUrl, CancellationToken cancellationToken)
    {
        var documents = new List<AcceptedDocument>(files.Count);
        foreach (var (file, name, contentType) in files)
        {
            var content = file.OpenReadStream();
            await using (content)
            {
                var (document, duplicate) = await intake.AcceptAsync(collection, name, contentType, content, cancellationToken);
                documents.Add(new AcceptedDocument(
                    document.DocumentId,
                    document.JobId,
                    document.FileName,
                    duplicate ? document.Status.ToString().ToLowerInvariant() : "accepted",
                    statusUrl(document.DocumentId),
                    duplicate));
            }
        }

        return new UploadAccepted(documents);
    }

    // The body as the key's owner sees it: the collection and each file's name and bytes, in order.
    private static async Task<string> RequestHashAsync(string collection, IReadOnlyList<UploadFile> files, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(collection).Append('\n');
        foreach (var upload in files)
        {
            var content = upload.File.OpenReadStream();
            await using (content)
            {
                var sha = await SHA256.HashDataAsync(content, cancellationToken);
                text.Append(upload.Name).Append('\n').Append(Convert.ToHexStringLower(sha)).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
