namespace DataDistiller.AppHost;

/// <summary>Names of the app model's resources; services read connection strings by these names.</summary>
internal static class ResourceNames
{
    public const string Api = "api";
    public const string Workers = "workers";
    public const string Retrieval = "retrieval";
    public const string Reranker = "reranker";
}
