namespace DataDistiller.AppHost.Hosting;

/// <summary>
/// A single-node Kafka broker in KRaft mode, shaped like Aspire.Hosting.Kafka's resource: the connection string is the
/// bootstrap server (<c>host:port</c>) of the PLAINTEXT_HOST listener; containers use the internal listener.
/// </summary>
internal sealed class KafkaServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string InternalEndpointName = "internal";
    public const int BrokerPort = 9092;
    public const int InternalBrokerPort = 9093;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public EndpointReference InternalEndpoint => new(this, InternalEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
