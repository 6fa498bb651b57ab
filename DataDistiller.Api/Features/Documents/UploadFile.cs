namespace DataDistiller.Api.Features.Documents;

/// <summary>One validated file of an upload: its form part, sanitized name and detected content type.</summary>
public sealed record UploadFile(IFormFile File, string Name, string ContentType);
