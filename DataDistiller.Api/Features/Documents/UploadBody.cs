namespace DataDistiller.Api.Features.Documents;

/// <summary>An upload's multipart body once read: the collection field (or the default) and every file, stored.</summary>
public sealed record UploadBody(string Collection, IReadOnlyList<UploadFile> Files);
