using DataDistiller.Core.Ingestion;

namespace DataDistiller.Api.Features.Documents;

/// <summary>One checked file of an upload: its stored bytes, sanitized name and detected content type.</summary>
public sealed record UploadFile(StagedUpload Stored, string Name, string ContentType);
