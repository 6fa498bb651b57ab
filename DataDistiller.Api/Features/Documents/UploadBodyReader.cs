using System.Text;
using DataDistiller.Core.Documents;
using DataDistiller.Core.Extraction;
using DataDistiller.Core.Ingestion;
using DataDistiller.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// Reads an upload's multipart body as it arrives. Each file is checked from its first bytes and streamed straight into
/// the blob store, hashed on the way: no temporary copy, no second read. Whatever goes wrong, from a bad file to a
/// client that hangs up, the files the request already stored are removed, so a refused request stores nothing.
/// </summary>
public sealed class UploadBodyReader(DocumentIntake intake, IOptions<UploadOptions> options)
{
    public const string FilesField = "files";
    public const string CollectionField = "collection";
    private const int HeadBytes = 1024;
    private const int MaxFieldBytes = 1024;

    // The reader hands a section's body over at most one buffer per read: its 4 KiB default made a 1 MiB file 256
    // reads, each an await, a hash update and a write.
    private const int SectionBufferBytes = 64 * 1024;

    public async Task<(UploadBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.Value;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, request.HasFormContentType
                ? NoFiles()
                : Problems.UnsupportedMediaType("Send documents as multipart/form-data, each file in a field named 'files' (and optionally 'collection')."));
        }

        if (request.ContentLength > limits.MaxRequestBytes)
        {
            return (null, RequestTooLarge(limits));
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, Malformed());
        }

        var files = new List<UploadFile>();
        var accepted = false;
        try
        {
            var (collection, problem) = await ReadSectionsAsync(new MultipartReader(boundary, request.Body, SectionBufferBytes) { BodyLengthLimit = limits.MaxRequestBytes }, files, limits, cancellationToken);
            problem ??= files.Count == 0 ? NoFiles() : null;
            problem ??= CollectionName.IsValid(collection) ? null : Problems.InvalidCollection(collection);
            accepted = problem is null;
            return accepted ? (new UploadBody(collection, files), null) : (null, problem);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, IsOverTheLimit(ex.InnerException ?? ex) || IsOverTheLimit(ex) ? RequestTooLarge(limits) : Malformed());
        }
        finally
        {
            if (!accepted)
            {
                foreach (var file in files)
                {
                    await intake.DiscardAsync(file.Stored);
                }
            }
        }
    }

    private async Task<(string Collection, ProblemHttpResult? Problem)> ReadSectionsAsync(
        MultipartReader reader, List<UploadFile> files, UploadOptions limits, CancellationToken cancellationToken)
    {
        string? collection = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                return (string.Empty, Malformed());
            }

            var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (disposition.IsFileDisposition() && field == FilesField)
            {
                if (files.Count == limits.MaxFilesPerRequest)
                {
                    return (string.Empty, Problems.BadRequest($"More than {limits.MaxFilesPerRequest} files were sent; at most {limits.MaxFilesPerRequest} are accepted per request."));
                }

                var rawName = HeaderUtilities.RemoveQuotes(StringSegment.IsNullOrEmpty(disposition.FileNameStar) ? disposition.FileName : disposition.FileNameStar).Value;
                var (file, problem) = await StoreFileAsync(section.Body, UploadFileName.Sanitize(rawName ?? string.Empty), limits, cancellationToken);
                if (problem is not null)
                {
                    return (string.Empty, problem);
                }

                files.Add(file!);
            }
            else if (disposition.IsFormDisposition() && field == CollectionField)
            {
                if (collection is not null)
                {
                    return (string.Empty, Problems.BadRequest($"The '{CollectionField}' field was sent more than once."));
                }

                collection = await ReadFieldAsync(section.Body, cancellationToken);
                if (collection is null)
                {
                    return (string.Empty, Problems.BadRequest($"The '{CollectionField}' field is longer than {MaxFieldBytes} bytes."));
                }
            }
        }

        return (collection is { Length: > 0 } ? collection : CollectionName.Default, null);
    }

    private async Task<(UploadFile? File, ProblemHttpResult? Problem)> StoreFileAsync(
        Stream body, string name, UploadOptions limits, CancellationToken cancellationToken)
    {
        var head = new byte[HeadBytes];
        var read = await body.ReadAtLeastAsync(head, HeadBytes, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return (null, Problems.BadRequest($"File '{name}' is empty."));
        }

        if (ContentTypeDetector.Detect(name, head.AsSpan(0, read)) is not { } contentType)
        {
            return (null, Problems.UnsupportedMediaType(
                $"File '{name}' is not a supported document. Send PDF, plain text, Markdown or HTML ({string.Join(", ", ContentTypeDetector.SupportedExtensions)})."));
        }

        try
        {
            var stored = await intake.StoreAsync(new UploadFileStream(head.AsMemory(0, read), body, limits.MaxFileBytes, cancellationToken), cancellationToken);
            return (new UploadFile(stored, name, contentType), null);
        }
        catch (FileTooLargeException)
        {
            // The blob store removed its partial copy when the read failed.
            return (null, Problems.TooLarge($"File '{name}' is larger than the limit of {limits.MaxFileBytes} bytes."));
        }
    }

    // Null when the value is longer than a collection name could ever be.
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return read > MaxFieldBytes ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static bool IsOverTheLimit(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
        InvalidDataException when ex.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal) => true,
        _ => false,
    };

    private static ProblemHttpResult NoFiles() =>
        Problems.BadRequest($"No file was sent: put each document in a multipart field named '{FilesField}'.");

    private static ProblemHttpResult Malformed() => Problems.BadRequest("The multipart body is malformed and could not be read.");

    private static ProblemHttpResult RequestTooLarge(UploadOptions limits) =>
        Problems.TooLarge($"The request is larger than the limit of {limits.MaxRequestBytes} bytes.");
}
