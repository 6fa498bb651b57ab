namespace DataDistiller.Core.Documents;

/// <summary>A page of the document list, optionally filtered by collection and status; newest first.</summary>
public sealed record DocumentQuery(string? Collection, DocumentStatus? Status, int Page, int PageSize);
