namespace DataDistiller.Core.Documents;

/// <summary>
/// A page of the document list, optionally filtered by collection (its stored key) and status; newest first. With a
/// <paramref name="Tenant"/>, only that tenant's collections are listed (see <see cref="CollectionAddress"/>).
/// </summary>
public sealed record DocumentQuery(string? Collection, DocumentStatus? Status, int Page, int PageSize, string? Tenant = null);
