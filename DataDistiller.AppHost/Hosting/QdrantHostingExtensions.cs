namespace DataDistiller.AppHost.Hosting;

/// <summary><c>AddQdrant</c> with core Aspire APIs (Aspire.Hosting.Qdrant is not in our package mirror).</summary>
internal static class QdrantHostingExtensions
{
    public static IResourceBuilder<QdrantServerResource> AddQdrant(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource>? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = apiKey?.Resource ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-Key", special: false);
        return builder.AddResource(new QdrantServerResource(name, key))
            .WithImage("qdrant/qdrant", "v1.15.5")
            .WithImageRegistry("docker.io")
            .WithHttpEndpoint(targetPort: 6334, name: QdrantServerResource.PrimaryEndpointName)
            .WithEndpoint(QdrantServerResource.PrimaryEndpointName, e => e.Transport = "http2")
            .WithHttpEndpoint(targetPort: 6333, name: QdrantServerResource.HttpEndpointName)
            .WithEnvironment("QDRANT__SERVICE__API_KEY", key)
            // /readyz answers without the API key once every shard is loaded.
            .WithHttpHealthCheck("/readyz", endpointName: QdrantServerResource.HttpEndpointName);
    }

    public static IResourceBuilder<QdrantServerResource> WithDataVolume(this IResourceBuilder<QdrantServerResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithVolume(name ?? $"datadistiller-{builder.Resource.Name}-data", "/qdrant/storage");
    }
}
