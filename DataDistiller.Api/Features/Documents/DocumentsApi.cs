namespace DataDistiller.Api.Features.Documents;

/// <summary>The documents routes: upload, status, list and delete.</summary>
public static class DocumentsApi
{
    public const string GetDocumentRoute = "GetDocumentStatus";

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2/documents").WithTags("Documents");
        group.MapPost("/", UploadDocuments.HandleAsync).WithName("UploadDocuments").DisableAntiforgery();
        // The seed's routes stay as aliases so its clients keep working.
        group.MapPost("/upload", UploadDocuments.HandleAsync).WithName("UploadDocumentsAlias").DisableAntiforgery();
        group.MapGet("/{id:guid}", GetDocumentStatus.HandleAsync).WithName(GetDocumentRoute);
        group.MapGet("/status/{id:guid}", GetDocumentStatus.HandleAsync).WithName("GetDocumentStatusAlias");
        group.MapGet("/", ListDocuments.HandleAsync).WithName("ListDocuments");
        group.MapDelete("/{id:guid}", DeleteDocument.HandleAsync).WithName("DeleteDocument");
        return group;
    }
}
