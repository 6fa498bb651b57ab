namespace DataDistiller.Api.Features.Documents;

/// <summary>A page of documents.</summary>
public sealed record DocumentList(IReadOnlyList<DocumentStatusResponse> Items, int Page, int PageSize, int Total);
