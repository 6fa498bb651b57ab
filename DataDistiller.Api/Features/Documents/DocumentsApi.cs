namespace DataDistiller.Api.Features.Documents;

/// <summary>The documents routes: upload, status, list, retry and delete.</summary>
public static class DocumentsApi
{
    public const string GetDocumentRoute = "GetDocumentStatus";

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/documents").WithTags("Documents");
        group.MapPost("/", UploadDocuments.HandleAsync).WithName("UploadDocuments")
            .WithSummary("Uploads one or more files (form field `files`, repeatable) into a collection; 202 at once")
            .DescribeUploadForm().DisableAntiforgery();
        // The seed's routes stay as aliases so its clients keep working.
        group.MapPost("/upload", UploadDocuments.HandleAsync).WithName("UploadDocumentsAlias")
            .WithSummary("Alias of POST /api/v2/documents (the seed's route)")
            .DescribeUploadForm().DisableAntiforgery();
        group.MapGet("/{id:guid}", GetDocumentStatus.HandleAsync).WithName(GetDocumentRoute)
            .WithSummary("A document's status, progress, chunk counts, error and stage times");
        group.MapGet("/status/{id:guid}", GetDocumentStatus.HandleAsync).WithName("GetDocumentStatusAlias")
            .WithSummary("Alias of GET /api/v2/documents/{id} (the seed's route)");
        group.MapGet("/", ListDocuments.HandleAsync).WithName("ListDocuments")
            .WithSummary("Lists a collection's documents (paged, filter by status)");
        group.MapPost("/{id:guid}/retry", RetryDocument.HandleAsync).WithName("RetryDocument")
            .WithSummary("Retries a failed document: replays its dead letters; 202 with the status URL, 409 when it is not failed")
            .WithDescription("The document resumes where it failed (chunks already indexed are kept). 409 when the document is not "
                + "failed or has no dead letter left to replay (upload the file again then); 404 when unknown.");
        group.MapDelete("/{id:guid}", DeleteDocument.HandleAsync).WithName("DeleteDocument")
            .WithSummary("Deletes a document: its chunks, vectors, blob and rows");
        return group;
    }
}
