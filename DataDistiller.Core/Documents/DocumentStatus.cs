using System.Text.Json.Serialization;

namespace DataDistiller.Core.Documents;

/// <summary>
/// Where a document is in ingestion: accepted → splitting → embedding → indexed, or failed. Deleted is a tombstone held
/// only while a delete removes the blob, chunks and rows, so late pipeline messages see it and drop their work.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DocumentStatus>))]
public enum DocumentStatus
{
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("splitting")] Splitting,
    [JsonStringEnumMemberName("embedding")] Embedding,
    [JsonStringEnumMemberName("indexed")] Indexed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("deleted")] Deleted,
}
