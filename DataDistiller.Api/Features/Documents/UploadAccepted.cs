namespace DataDistiller.Api.Features.Documents;

/// <summary>The 202 body of an upload.</summary>
public sealed record UploadAccepted(IReadOnlyList<AcceptedDocument> Documents);
