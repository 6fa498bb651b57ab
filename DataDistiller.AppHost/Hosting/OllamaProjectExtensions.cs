namespace DataDistiller.AppHost.Hosting;

/// <summary>How a service uses Ollama: its connection string (chat model), the embedding model, and the pulled models.</summary>
internal static class OllamaProjectExtensions
{
    /// <summary>The Ollama embedding adapter's model setting (the connection string names the chat model).</summary>
    public const string EmbeddingModelVariable = "DataDistiller__Models__Embedder__OllamaModel";
    private const string EmbeddingSection = "DataDistiller__Models__Embedder__";

    public static IResourceBuilder<ProjectResource> WithOllama(
        this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<OllamaResource> ollama,
        IResourceBuilder<ContainerResource> modelPull,
        EmbeddingModelSettings embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(ollama);
        return project
            .WithReference(ollama).WaitFor(ollama)
            // A healthy server may not have the models yet: the first embed or chat would fail.
            .WaitForCompletion(modelPull)
            .WithEnvironment(EmbeddingModelVariable, ollama.Resource.EmbeddingModel)
            .WithEnvironment(EmbeddingSection + "OllamaDimensions", embedding.Dimensions)
            .WithEnvironment(EmbeddingSection + "OllamaQueryPrefix", embedding.QueryPrefix)
            .WithEnvironment(EmbeddingSection + "OllamaDocumentPrefix", embedding.DocumentPrefix);
    }
}
