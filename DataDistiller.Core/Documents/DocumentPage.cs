namespace DataDistiller.Core.Documents;

/// <summary>One page of documents and how many match in all.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentRecord> Items, int Total);
