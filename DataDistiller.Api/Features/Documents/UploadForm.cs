namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// The multipart form an upload sends, as the OpenAPI document describes it. The handler reads the form as a stream
/// itself (to enforce limits file by file), so this type only names the fields.
/// </summary>
/// <param name="Files">One or more files: PDF, plain text, Markdown or HTML. Repeat the field for more.</param>
/// <param name="Collection">The collection to add them to, created on first use; <c>default</c> when absent.</param>
public sealed record UploadForm(IFormFileCollection Files, string? Collection = null);
