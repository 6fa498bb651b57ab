namespace DataDistiller.AppHost;

/// <summary>Names of the app model's resources; services read connection strings by these names.</summary>
internal static class ResourceNames
{
    public const string Api = "api";
    public const string Workers = "workers";
    public const string Retrieval = "retrieval";
    public const string Reranker = "reranker";
    public const string Kafka = "kafka";
    public const string Minio = "minio";
    public const string Qdrant = "qdrant";
    public const string Ollama = "ollama";
    public const string Prometheus = "prometheus";
    public const string Grafana = "grafana";

    /// <summary>The PostgreSQL server; services get the database's connection string under this name.</summary>
    public const string Postgres = "postgres";

    /// <summary>The database resource (and database) the job and status store lives in.</summary>
    public const string Database = "datadistiller";

    public const string ChatModel = "chat-model";
    public const string AuthSigningKey = "auth-signing-key";
    public const string EmbeddingModel = "embedding-model";
}
