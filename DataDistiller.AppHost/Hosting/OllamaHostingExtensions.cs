namespace DataDistiller.AppHost.Hosting;

/// <summary><c>AddOllama</c> with core Aspire APIs (CommunityToolkit.Aspire.Hosting.Ollama is not in our package mirror).</summary>
internal static class OllamaHostingExtensions
{
    public static IResourceBuilder<OllamaResource> AddOllama(
        this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ParameterResource> chatModel, IResourceBuilder<ParameterResource> embeddingModel)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(chatModel);
        ArgumentNullException.ThrowIfNull(embeddingModel);
        return builder.AddResource(new OllamaResource(name, chatModel.Resource, embeddingModel.Resource))
            .WithImage("ollama/ollama", "0.12.6")
            .WithImageRegistry("docker.io")
            .WithHttpEndpoint(targetPort: OllamaResource.Port, name: OllamaResource.PrimaryEndpointName)
            .WithHttpHealthCheck("/", endpointName: OllamaResource.PrimaryEndpointName);
    }

    public static IResourceBuilder<OllamaResource> WithDataVolume(this IResourceBuilder<OllamaResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithVolume(name ?? $"datadistiller-{builder.Resource.Name}-models", "/root/.ollama");
    }

    /// <summary>
    /// A one-shot container that pulls the chat and embedding models into the server, then exits; services
    /// <c>WaitForCompletion</c> on it. Chosen over an <c>OnResourceReady</c> hook calling <c>/api/pull</c>: such a hook
    /// runs while dependants already start (readiness is the health check), and a container shows the pull's progress
    /// and failure in the dashboard. Re-pulling a present model is a quick no-op, so restarts cost little.
    /// </summary>
    public static IResourceBuilder<ContainerResource> AddModelPull(this IResourceBuilder<OllamaResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var ollama = builder.Resource;
        return builder.ApplicationBuilder.AddContainer($"{ollama.Name}-pull", "ollama/ollama", "0.12.6")
            .WithImageRegistry("docker.io")
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", "ollama pull \"$CHAT_MODEL\" && ollama pull \"$EMBEDDING_MODEL\"")
            // Container to container: the server's network alias and its container port.
            .WithEnvironment("OLLAMA_HOST", ReferenceExpression.Create($"http://{ollama.Name}:{ollama.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("CHAT_MODEL", ollama.ChatModel)
            .WithEnvironment("EMBEDDING_MODEL", ollama.EmbeddingModel)
            .WithParentRelationship(builder)
            .WaitFor(builder);
    }
}
