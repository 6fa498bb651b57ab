namespace DataDistiller.Api.Features.Documents;

/// <summary>One accepted document: where to follow its progress.</summary>
public sealed record AcceptedDocument(Guid DocumentId, Guid JobId, string FileName, string Status, string StatusUrl);
