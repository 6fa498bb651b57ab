namespace DataDistiller.AppHost;

/// <summary>The app model: the services and, as the distributed adapters arrive, the infrastructure they use.</summary>
internal static class AppHost
{
    public static void Main(string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(args);

        // The services have no launch profiles (so `dotnet run` honours ASPNETCORE_URLS); their endpoints are declared here.
        // The services and the re-ranker so far: Kafka, MinIO, PostgreSQL, Qdrant and Ollama arrive with the distributed adapters.

        // The cross-encoder behind the Api's HTTP re-ranker; the volume keeps its downloaded model across restarts.
        var reranker = builder.AddResource(new TextEmbeddingsInferenceResource(ResourceNames.Reranker))
            .WithImage("huggingface/text-embeddings-inference", "cpu-1.8")
            .WithImageRegistry("ghcr.io")
            .WithArgs("--model-id", "BAAI/bge-reranker-base")
            .WithHttpEndpoint(targetPort: 80, name: TextEmbeddingsInferenceResource.HttpEndpointName)
            .WithVolume("datadistiller-reranker-data", "/data")
            .WithLifetime(ContainerLifetime.Persistent);

        builder.AddProject<Projects.DataDistiller_Api>(ResourceNames.Api)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithReference(reranker)
            .WaitFor(reranker);

        builder.AddProject<Projects.DataDistiller_Workers>(ResourceNames.Workers)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health");

        builder.AddProject<Projects.DataDistiller_Retrieval>(ResourceNames.Retrieval)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health");

        builder.Build().Run();
    }
}
