using System.Text.Json.Serialization;

namespace DataDistiller.Core.Documents;

/// <summary>Where a document is in ingestion: accepted → splitting → embedding → indexed, or failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DocumentStatus>))]
public enum DocumentStatus
{
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("splitting")] Splitting,
    [JsonStringEnumMemberName("embedding")] Embedding,
    [JsonStringEnumMemberName("indexed")] Indexed,
    [JsonStringEnumMemberName("failed")] Failed,
}
