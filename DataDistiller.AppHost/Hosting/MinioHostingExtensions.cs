namespace DataDistiller.AppHost.Hosting;

/// <summary><c>AddMinioContainer</c> with core Aspire APIs (CommunityToolkit.Aspire.Hosting.Minio is not in our package mirror).</summary>
internal static class MinioHostingExtensions
{
    public static IResourceBuilder<MinioContainerResource> AddMinioContainer(
        this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ParameterResource>? rootUser = null, IResourceBuilder<ParameterResource>? rootPassword = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var user = rootUser?.Resource ?? builder.AddParameter($"{name}-rootUser", "minioadmin").Resource;
        var password = rootPassword?.Resource ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-rootPassword");
        return builder.AddResource(new MinioContainerResource(name, user, password))
            .WithImage("minio/minio", "RELEASE.2025-09-07T16-13-09Z")
            .WithImageRegistry("docker.io")
            .WithArgs("server", "/data", "--console-address", ":9001")
            .WithHttpEndpoint(targetPort: 9000, name: MinioContainerResource.PrimaryEndpointName)
            .WithHttpEndpoint(targetPort: 9001, name: MinioContainerResource.ConsoleEndpointName)
            .WithEnvironment("MINIO_ROOT_USER", user)
            .WithEnvironment("MINIO_ROOT_PASSWORD", password)
            .WithHttpHealthCheck("/minio/health/live", endpointName: MinioContainerResource.PrimaryEndpointName);
    }

    public static IResourceBuilder<MinioContainerResource> WithDataVolume(this IResourceBuilder<MinioContainerResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithVolume(name ?? $"datadistiller-{builder.Resource.Name}-data", "/data");
    }
}
