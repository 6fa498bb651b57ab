namespace DataDistiller.AppHost.Hosting;

/// <summary>
/// MinIO, shaped like CommunityToolkit.Aspire.Hosting.Minio's resource: the connection string is
/// <c>Endpoint=http://host:9000;AccessKey=…;SecretKey=…</c>.
/// </summary>
internal sealed class MinioContainerResource(string name, ParameterResource rootUser, ParameterResource rootPassword)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "http";
    public const string ConsoleEndpointName = "console";

    public ParameterResource RootUser { get; } = rootUser;

    public ParameterResource RootPassword { get; } = rootPassword;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={PrimaryEndpoint.Property(EndpointProperty.Url)};AccessKey={RootUser};SecretKey={RootPassword}");
}
