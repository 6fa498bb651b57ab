namespace DataDistiller.AppHost.Hosting;

/// <summary>
/// An Ollama server with the chat model the services use, shaped like CommunityToolkit.Aspire.Hosting.Ollama's model
/// resource: the connection string is <c>Endpoint=http://host:11434;Model=…</c>.
/// </summary>
internal sealed class OllamaResource(string name, ParameterResource chatModel, ParameterResource embeddingModel)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "http";
    public const int Port = 11434;

    public ParameterResource ChatModel { get; } = chatModel;

    public ParameterResource EmbeddingModel { get; } = embeddingModel;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={PrimaryEndpoint.Property(EndpointProperty.Url)};Model={ChatModel}");
}
