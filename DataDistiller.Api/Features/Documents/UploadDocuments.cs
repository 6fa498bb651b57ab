using System.Security.Claims;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Extraction;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// POST /api/v2/documents: validates every file first (so a bad request stores nothing), then accepts each
/// one and answers 202 with where to follow it.
/// </summary>
public static class UploadDocuments
{
    public const string FilesField = "files";
    public const string CollectionField = "collection";
    private const int HeadBytes = 1024;

    public static async Task<Results<Accepted<UploadAccepted>, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        DocumentUploads uploads,
        IOptions<UploadOptions> options,
        LinkGenerator links,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        var (form, formProblem) = await ReadFormAsync(request, limits, cancellationToken);
        if (formProblem is not null)
        {
            return formProblem;
        }

        var (key, keyProblem) = DocumentUploads.ReadKey(request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var files = form!.Files.GetFiles(FilesField);
        var collection = form[CollectionField].ToString() is { Length: > 0 } named ? named : CollectionName.Default;
        var problem = ValidateRequest(files, collection, limits);
        var accepted = new List<UploadFile>(files.Count);
        foreach (var file in files)
        {
            if (problem is not null)
            {
                break;
            }

            var name = UploadFileName.Sanitize(file.FileName);
            (var contentType, problem) = await ValidateFileAsync(file, name, limits, cancellationToken);
            accepted.Add(new UploadFile(file, name, contentType ?? string.Empty));
        }

        if (problem is not null)
        {
            return problem;
        }

        // Stored, deduplicated and idempotent under the tenant's key, so tenants never see each other's uploads.
        var (body, conflict) = await uploads.AcceptAsync(
            CallerTenant.Collection(user, collection).Key, key, accepted, id => links.GetPathByName(request.HttpContext, DocumentsApi.GetDocumentRoute, new { id })!, cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        var documents = body!.Documents;
        return TypedResults.Accepted(documents.Count == 1 ? documents[0].StatusUrl : null, body);
    }

    private static async Task<(IFormCollection? Form, ProblemHttpResult? Problem)> ReadFormAsync(
        HttpRequest request, UploadOptions limits, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, Problems.UnsupportedMediaType(
                "Send documents as multipart/form-data, each file in a field named 'files' (and optionally 'collection')."));
        }

        if (request.ContentLength > limits.MaxRequestBytes)
        {
            return (null, Problems.TooLarge($"The request is larger than the limit of {limits.MaxRequestBytes} bytes."));
        }

        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge($"The request is larger than the limit of {limits.MaxRequestBytes} bytes."));
        }
        catch (InvalidDataException ex) when (ex.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal))
        {
            return (null, Problems.TooLarge($"The request is larger than the limit of {limits.MaxRequestBytes} bytes."));
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Problems.BadRequest("The multipart body is malformed and could not be read."));
        }
    }

    private static ProblemHttpResult? ValidateRequest(IReadOnlyList<IFormFile> files, string collection, UploadOptions limits)
    {
        if (files.Count == 0)
        {
            return Problems.BadRequest("No file was sent: put each document in a multipart field named 'files'.");
        }

        if (files.Count > limits.MaxFilesPerRequest)
        {
            return Problems.BadRequest($"{files.Count} files were sent; at most {limits.MaxFilesPerRequest} are accepted per request.");
        }

        return CollectionName.IsValid(collection)
            ? null
            : Problems.InvalidCollection(collection);
    }

    private static async Task<(string? ContentType, ProblemHttpResult? Problem)> ValidateFileAsync(
        IFormFile file, string name, UploadOptions limits, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            return (null, Problems.BadRequest($"File '{name}' is empty."));
        }

        if (file.Length > limits.MaxFileBytes)
        {
            return (null, Problems.TooLarge($"File '{name}' has {file.Length} bytes; the limit is {limits.MaxFileBytes} bytes."));
        }

        var head = new byte[HeadBytes];
        var content = file.OpenReadStream();
        await using (content)
        {
            var read = await content.ReadAtLeastAsync(head, HeadBytes, throwOnEndOfStream: false, cancellationToken);
            return ContentTypeDetector.Detect(name, head.AsSpan(0, read)) is { } contentType
                ? (contentType, null)
                : (null, Problems.UnsupportedMediaType(
                    $"File '{name}' is not a supported document. Send PDF, plain text, Markdown or HTML ({string.Join(", ", ContentTypeDetector.SupportedExtensions)})."));
        }
    }
}
