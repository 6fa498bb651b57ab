using DataDistiller.Core.Documents;

namespace DataDistiller.Core.Ingestion;

/// <summary>An accepted upload: the new document, or the live document that already had the same bytes.</summary>
public sealed record IntakeResult(DocumentRecord Document, bool Duplicate);
