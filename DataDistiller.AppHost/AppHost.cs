using DataDistiller.AppHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace DataDistiller.AppHost;

/// <summary>The app model: the infrastructure of the distributed mode and the three services that use it.</summary>
internal static class AppHost
{
    public static void Main(string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection("DataDistiller");

        // The services have no launch profiles (so `dotnet run` honours ASPNETCORE_URLS); their endpoints are declared here.
        // Infrastructure keeps its data in volumes and outlives AppHost restarts (persistent lifetime).
        var postgres = builder.AddPostgres(ResourceNames.Postgres)
            .WithImageTag("17.6")
            .WithDataVolume("datadistiller-postgres-data")
            .WithLifetime(ContainerLifetime.Persistent);
        var database = postgres.AddDatabase(ResourceNames.Database);

        var kafka = builder.AddKafka(ResourceNames.Kafka, settings.GetValue("Kafka:Partitions", 6))
            .WithDataVolume()
            .WithLifetime(ContainerLifetime.Persistent)
            .WithKafkaUI(ui => ui.WithLifetime(ContainerLifetime.Persistent));

        var minio = builder.AddMinioContainer(ResourceNames.Minio)
            .WithDataVolume()
            .WithLifetime(ContainerLifetime.Persistent);

        var qdrant = builder.AddQdrant(ResourceNames.Qdrant)
            .WithDataVolume()
            .WithLifetime(ContainerLifetime.Persistent);

        var chatModel = builder.AddParameter(ResourceNames.ChatModel, settings["Models:Chat"] ?? "llama3.2", publishValueAsDefault: true);
        var embeddingModel = builder.AddParameter(ResourceNames.EmbeddingModel, settings["Models:Embedding"] ?? "nomic-embed-text", publishValueAsDefault: true);
        var ollama = builder.AddOllama(ResourceNames.Ollama, chatModel, embeddingModel)
            .WithDataVolume()
            .WithLifetime(ContainerLifetime.Persistent);
        var modelPull = ollama.AddModelPull();
        var embedding = EmbeddingModelSettings.From(settings);

        // The cross-encoder behind Retrieval's HTTP re-ranker; the volume keeps its downloaded model across restarts.
        var reranker = builder.AddResource(new TextEmbeddingsInferenceResource(ResourceNames.Reranker))
            .WithImage("huggingface/text-embeddings-inference", "cpu-1.8")
            .WithImageRegistry("ghcr.io")
            .WithArgs("--model-id", "BAAI/bge-reranker-base")
            .WithHttpEndpoint(targetPort: 80, name: TextEmbeddingsInferenceResource.HttpEndpointName)
            .WithVolume("datadistiller-reranker-data", "/data")
            .WithLifetime(ContainerLifetime.Persistent);

        // One signing key for the embedded issuer of Api and Retrieval, so a token the Api accepts (and forwards) Retrieval
        // accepts too; generated once and kept in the AppHost's user secrets.
        var signingKey = builder.AddParameter(ResourceNames.AuthSigningKey, new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

        var retrieval = builder.AddProject<Projects.DataDistiller_Retrieval>(ResourceNames.Retrieval)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithReference(database, ResourceNames.Postgres).WaitFor(database)
            .WithReference(qdrant).WaitFor(qdrant)
            .WithReference(reranker).WaitFor(reranker)
            .WithOllama(ollama, modelPull, embedding)
            .WithEnvironment("DataDistiller__Auth__SigningKey", signingKey);

        // The Api accepts uploads and forwards search and query to Retrieval (http://retrieval, service discovery).
        var api = builder.AddProject<Projects.DataDistiller_Api>(ResourceNames.Api)
            .WithHttpEndpoint()
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health")
            .WithReference(database, ResourceNames.Postgres).WaitFor(database)
            .WithReference(minio).WaitFor(minio)
            .WithReference(kafka).WaitFor(kafka)
            .WithReference(qdrant).WaitFor(qdrant)
            .WithOllama(ollama, modelPull, embedding)
            // api waits for retrieval: until it is up, every forwarded search or query would fail.
            .WithReference(retrieval).WaitFor(retrieval)
            .WithEnvironment("DataDistiller__Retrieval__Forward", "true")
            .WithEnvironment("DataDistiller__Auth__SigningKey", signingKey);

        // Embedders scale out as replicas of one consumer group; more replicas than partitions stay idle.
        var workers = builder.AddProject<Projects.DataDistiller_Workers>(ResourceNames.Workers)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithReplicas(settings.GetValue("Workers:Replicas", 2))
            .WithReference(database, ResourceNames.Postgres).WaitFor(database)
            .WithReference(minio).WaitFor(minio)
            .WithReference(kafka).WaitFor(kafka)
            .WithReference(qdrant).WaitFor(qdrant)
            .WithOllama(ollama, modelPull, embedding);

        // Prometheus (alert rules included) and Grafana with the dashboards of deploy/, scraping the three services.
        builder.AddMonitoring(api, workers, retrieval);

        builder.Build().Run();
    }
}
