namespace DataDistiller.AppHost.Hosting;

/// <summary>
/// Qdrant, shaped like Aspire.Hosting.Qdrant's resource: gRPC (6334) is primary, REST (6333) serves health and the
/// dashboard; the connection string is <c>Endpoint=http://host:6334;Key=…</c>.
/// </summary>
internal sealed class QdrantServerResource(string name, ParameterResource apiKey) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "grpc";
    public const string HttpEndpointName = "http";

    public ParameterResource ApiKeyParameter { get; } = apiKey;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={PrimaryEndpoint.Property(EndpointProperty.Url)};Key={ApiKeyParameter}");
}
