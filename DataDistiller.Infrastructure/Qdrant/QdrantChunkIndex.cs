using System.Collections.Concurrent;
using DataDistiller.Core.Ports;
using DataDistiller.Core.Retrieval;
using DataDistiller.Core.Retrieval.Lexical;
using Grpc.Core;
using Microsoft.Extensions.Options;
using global::Qdrant.Client;
using global::Qdrant.Client.Grpc;
using static global::Qdrant.Client.Grpc.Conditions;

namespace DataDistiller.Infrastructure.Qdrant;

/// <summary>
/// The chunk index on Qdrant: per point a named dense vector (cosine) and a BM25 sparse vector whose IDF Qdrant
/// applies (<see cref="Modifier.Idf"/>), with the chunk in the payload. The model is recorded in the Qdrant
/// collection's metadata and a collection built with another one is refused.
/// </summary>
public sealed class QdrantChunkIndex(QdrantClient client, IOptions<QdrantIndexOptions> options) : IChunkIndex
{
    public const string DenseVector = "dense";
    public const string SparseVector = "bm25";

    // Multi-tenancy is not wired yet; every point carries the field so a tenant filter needs no re-index.
    public const string DefaultTenant = "default";

    private const string ModelKey = "model_id";
    private const string DimensionsKey = "dimensions";
    private const uint ScrollPage = 256;

    private readonly ConcurrentDictionary<string, EmbeddingModelInfo> _models = new(StringComparer.Ordinal);
    private readonly Bm25SparseEncoder _encoder = new(options.Value.Bm25K1, options.Value.Bm25B, options.Value.AverageChunkLength);

    public async Task EnsureCollectionAsync(string collection, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (await GetCollectionModelAsync(collection, cancellationToken).ConfigureAwait(false) is { } known)
        {
            ThrowIfMismatch(collection, known, model);
            return;
        }

        var name = QdrantCollectionNames.Physical(collection, model);
        try
        {
            await client.CreateCollectionAsync(
                name,
                new VectorParamsMap { Map = { [DenseVector] = new VectorParams { Size = (ulong)model.Dimensions, Distance = Distance.Cosine } } },
                metadata: new Dictionary<string, Value> { [ModelKey] = model.ModelId, [DimensionsKey] = (long)model.Dimensions, ["collection"] = collection },
                sparseVectorsConfig: new SparseVectorConfig { Map = { [SparseVector] = new SparseVectorParams { Modifier = Modifier.Idf } } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.CreatePayloadIndexAsync(name, QdrantPayload.DocumentId, PayloadSchemaType.Keyword, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (IsConflict(e))
        {
            // Another replica created it first.
        }

        try
        {
            await client.CreateAliasAsync(QdrantCollectionNames.Alias(collection), name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (IsConflict(e))
        {
            // The alias exists: it may point at another model's collection, which the check below refuses.
        }

        _models.TryRemove(collection, out _);
        var stored = await GetCollectionModelAsync(collection, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Qdrant collection {name} was created but its alias cannot be read.");
        ThrowIfMismatch(collection, stored, model);
    }

    public async Task<EmbeddingModelInfo?> GetCollectionModelAsync(string collection, CancellationToken cancellationToken)
    {
        if (_models.TryGetValue(collection, out var cached))
        {
            return cached;
        }

        CollectionInfo info;
        try
        {
            info = await client.GetCollectionInfoAsync(QdrantCollectionNames.Alias(collection), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }

        var metadata = info.Config.Metadata;
        if (!metadata.TryGetValue(ModelKey, out var modelId) || !metadata.TryGetValue(DimensionsKey, out var dimensions))
        {
            throw new InvalidOperationException($"Qdrant collection of '{collection}' records no embedding model; it was not created by DataDistiller.");
        }

        var model = new EmbeddingModelInfo(modelId.StringValue, checked((int)(dimensions.HasIntegerValue ? dimensions.IntegerValue : (long)dimensions.DoubleValue)));
        return _models.GetOrAdd(collection, model);
    }

    public async Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var group in chunks.GroupBy(c => c.Chunk.Collection, StringComparer.Ordinal))
        {
            var points = group.Select(ToPoint).ToList();

            // wait: true, so the points are durable when this returns and the caller may commit its message.
            await client.UpsertAsync(QdrantCollectionNames.Alias(group.Key), points, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<ChunkMatch>> SearchDenseAsync(string collection, ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken) =>
        QueryAsync(collection, query.ToArray(), DenseVector, k, cancellationToken);

    public Task<IReadOnlyList<ChunkMatch>> SearchKeywordAsync(string collection, string query, int k, CancellationToken cancellationToken)
    {
        var sparse = Bm25SparseEncoder.EncodeQuery(query);
        return sparse.Indices.Length == 0
            ? Task.FromResult<IReadOnlyList<ChunkMatch>>([])
            : QueryAsync(collection, (sparse.Values, sparse.Indices), SparseVector, k, cancellationToken);
    }

    public async Task<IReadOnlyList<ChunkInfo>> GetDocumentChunksAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var chunks = new List<ChunkInfo>();
        var filter = MatchKeyword(QdrantPayload.DocumentId, documentId.ToString());
        var aliases = await client.ListAliasesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var alias in aliases.Where(a => a.AliasName.StartsWith(QdrantCollectionNames.Prefix, StringComparison.Ordinal)))
        {
            PointId? offset = null;
            do
            {
                var page = await client.ScrollAsync(alias.AliasName, filter, ScrollPage, offset, payloadSelector: true, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                chunks.AddRange(page.Result.Select(p => QdrantPayload.ToChunk(p.Payload)));
                offset = page.NextPageOffset;
            }
            while (offset is not null);
        }

        return [.. chunks.OrderBy(c => c.Ordinal)];
    }

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        // The dense and the sparse vector live on the same point, so deleting the points clears both legs.
        var filter = MatchKeyword(QdrantPayload.DocumentId, documentId.ToString());
        var aliases = await client.ListAliasesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var alias in aliases.Where(a => a.AliasName.StartsWith(QdrantCollectionNames.Prefix, StringComparison.Ordinal)))
        {
            await client.DeleteAsync(alias.AliasName, filter, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<ChunkMatch>> QueryAsync(string collection, Query query, string vector, int k, CancellationToken cancellationToken)
    {
        try
        {
            var points = await client.QueryAsync(
                QdrantCollectionNames.Alias(collection), query, usingVector: vector, limit: (ulong)k, payloadSelector: true, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return [.. points.Select(p => new ChunkMatch(QdrantPayload.ToChunk(p.Payload), p.Score))];
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return [];
        }
    }

    private PointStruct ToPoint(IndexedChunk indexed)
    {
        var (chunk, vector) = indexed;
        var sparse = _encoder.EncodeDocument(chunk.Text);
        var point = new PointStruct
        {
            Id = QdrantPointIds.ForChunk(chunk.ChunkId),
            Vectors = new Dictionary<string, Vector> { [DenseVector] = vector.ToArray(), [SparseVector] = (sparse.Values, sparse.Indices) },
        };
        QdrantPayload.Write(chunk, DefaultTenant, point.Payload);
        return point;
    }

    private static bool IsConflict(RpcException e) =>
        e.StatusCode is StatusCode.AlreadyExists or StatusCode.InvalidArgument or StatusCode.FailedPrecondition
        && e.Status.Detail.Contains("already exists", StringComparison.OrdinalIgnoreCase);

    private static void ThrowIfMismatch(string collection, EmbeddingModelInfo stored, EmbeddingModelInfo requested)
    {
        if (stored != requested)
        {
            throw EmbeddingModelMismatchException.For(collection, stored, requested);
        }
    }
}
