using DataDistiller.Core.Retrieval;
using Google.Protobuf.Collections;
using global::Qdrant.Client.Grpc;

namespace DataDistiller.Infrastructure.Qdrant;

/// <summary>The payload of a chunk's point: everything a search result needs, so no second store is read.</summary>
internal static class QdrantPayload
{
    public const string ChunkId = "chunk_id";
    public const string DocumentId = "document_id";
    public const string Collection = "collection";
    public const string FileName = "file_name";
    public const string Ordinal = "ordinal";
    public const string PageStart = "page_start";
    public const string PageEnd = "page_end";
    public const string Text = "text";
    public const string Tenant = "tenant_id";

    public static void Write(ChunkInfo chunk, string tenant, MapField<string, Value> payload)
    {
        payload[ChunkId] = chunk.ChunkId;
        payload[DocumentId] = chunk.DocumentId.ToString();
        payload[Collection] = chunk.Collection;
        payload[FileName] = chunk.FileName;
        payload[Ordinal] = chunk.Ordinal;
        payload[PageStart] = chunk.PageStart;
        payload[PageEnd] = chunk.PageEnd;
        payload[Text] = chunk.Text;
        payload[Tenant] = tenant;
    }

    public static ChunkInfo ToChunk(MapField<string, Value> payload) => new(
        payload[ChunkId].StringValue,
        Guid.Parse(payload[DocumentId].StringValue),
        payload[Collection].StringValue,
        payload[FileName].StringValue,
        (int)payload[Ordinal].IntegerValue,
        (int)payload[PageStart].IntegerValue,
        (int)payload[PageEnd].IntegerValue,
        payload[Text].StringValue);
}
