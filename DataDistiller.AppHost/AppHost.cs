namespace DataDistiller.AppHost;

/// <summary>The app model: the services and, as the distributed adapters arrive, the infrastructure they use.</summary>
internal static class AppHost
{
    public static void Main(string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(args);

        // The services have no launch profiles (so `dotnet run` honours ASPNETCORE_URLS); their endpoints are declared here.
        // Only the services so far: Kafka, MinIO, PostgreSQL, Qdrant and Ollama arrive with the distributed adapters.
        builder.AddProject<Projects.DataDistiller_Api>(ResourceNames.Api)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health");

        builder.AddProject<Projects.DataDistiller_Workers>(ResourceNames.Workers)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health");

        builder.AddProject<Projects.DataDistiller_Retrieval>(ResourceNames.Retrieval)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health");

        builder.Build().Run();
    }
}
