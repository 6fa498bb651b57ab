namespace DataDistiller.AppHost;

/// <summary>
/// A Hugging Face text-embeddings-inference container; its connection string is the URL of its HTTP endpoint, as
/// the services' HTTP re-ranker reads it. Core Aspire APIs only: there is no hosting package for TEI.
/// </summary>
internal sealed class TextEmbeddingsInferenceResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string HttpEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, HttpEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Url)}");
}
