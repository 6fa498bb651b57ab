using System.Text.Json.Serialization;

namespace DataDistiller.Api.Features.Documents;

/// <summary>
/// One accepted document: where to follow its progress. <paramref name="Duplicate"/> (only written when true) says the
/// collection already had a live document with these bytes: its ids and current status are returned and nothing was stored.
/// </summary>
public sealed record AcceptedDocument(
    Guid DocumentId,
    Guid JobId,
    string FileName,
    string Status,
    string StatusUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Duplicate = false);
