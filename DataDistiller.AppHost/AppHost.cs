var builder = DistributedApplication.CreateBuilder(args);

// Only the services so far: Kafka, MinIO, PostgreSQL, Qdrant and Ollama arrive with the distributed adapters.
builder.AddProject<Projects.DataDistiller_Api>(ResourceNames.Api)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.DataDistiller_Workers>(ResourceNames.Workers)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.DataDistiller_Retrieval>(ResourceNames.Retrieval)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
