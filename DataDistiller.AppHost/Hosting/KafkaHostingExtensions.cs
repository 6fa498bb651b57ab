using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataDistiller.AppHost.Hosting;

/// <summary>
/// <c>AddKafka</c> with core Aspire APIs (Aspire.Hosting.Kafka is not in our package mirror): same resource name,
/// image, listeners and connection string, so switching to the official package is one line.
/// </summary>
internal static class KafkaHostingExtensions
{
    private const string DataPath = "/var/lib/kafka/data";

    public static IResourceBuilder<KafkaServerResource> AddKafka(this IDistributedApplicationBuilder builder, string name, int partitions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var kafka = new KafkaServerResource(name);
        var healthCheckKey = $"{name}_check";

        // The official integration probes with a producer; without Confluent.Kafka in the AppHost a TCP connect to the
        // bootstrap port is the nearest check (the broker only listens once KRaft has elected its controller).
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async ct =>
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(kafka.PrimaryEndpoint.Host, kafka.PrimaryEndpoint.Port, ct);
            return HealthCheckResult.Healthy();
        });

        return builder.AddResource(kafka)
            .WithImage("confluentinc/confluent-local", "7.9.0")
            .WithImageRegistry("docker.io")
            .WithEndpoint(targetPort: KafkaServerResource.BrokerPort, name: KafkaServerResource.PrimaryEndpointName)
            .WithEndpoint(targetPort: KafkaServerResource.InternalBrokerPort, name: KafkaServerResource.InternalEndpointName)
            // Default partitions of auto-created topics: the ceiling on embedder replicas that can work at once.
            .WithEnvironment("KAFKA_NUM_PARTITIONS", partitions.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment(context => ConfigureListeners(context, kafka))
            .WithHealthCheck(healthCheckKey);
    }

    public static IResourceBuilder<KafkaServerResource> WithDataVolume(this IResourceBuilder<KafkaServerResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithVolume(name ?? $"datadistiller-{builder.Resource.Name}-data", DataPath)
            .WithEnvironment("KAFKA_LOG_DIRS", DataPath);
    }

    /// <summary>A Kafka UI container wired to the broker's internal listener, as Aspire.Hosting.Kafka's <c>WithKafkaUI</c>.</summary>
    public static IResourceBuilder<KafkaServerResource> WithKafkaUI(
        this IResourceBuilder<KafkaServerResource> builder, Action<IResourceBuilder<KafkaUIContainerResource>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var kafka = builder.Resource;
        // Container to container: the broker's network alias and its internal listener, never the host port.
        var bootstrapServers = string.Create(CultureInfo.InvariantCulture, $"{kafka.Name}:{KafkaServerResource.InternalBrokerPort}");
        var ui = builder.ApplicationBuilder.AddResource(new KafkaUIContainerResource($"{kafka.Name}-ui"))
            .WithImage("provectuslabs/kafka-ui", "v0.7.2")
            .WithImageRegistry("docker.io")
            .WithHttpEndpoint(targetPort: 8080, name: KafkaUIContainerResource.HttpEndpointName)
            .WithEnvironment("KAFKA_CLUSTERS_0_NAME", kafka.Name)
            .WithEnvironment("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", bootstrapServers)
            .WithParentRelationship(builder)
            .WaitFor(builder)
            .ExcludeFromManifest();
        configure?.Invoke(ui);
        return builder;
    }

    private static void ConfigureListeners(EnvironmentCallbackContext context, KafkaServerResource kafka)
    {
        var primary = kafka.PrimaryEndpoint;
        var @internal = kafka.InternalEndpoint;
        context.EnvironmentVariables["KAFKA_LISTENERS"] =
            "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092,PLAINTEXT_INTERNAL://0.0.0.0:9093";
        context.EnvironmentVariables["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] =
            "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,PLAINTEXT_INTERNAL:PLAINTEXT";
        // Run mode: clients on the host reach the published port; publish mode: every client is a container.
        context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = context.ExecutionContext.IsRunMode
            ? ReferenceExpression.Create(
                $"PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:{primary.Property(EndpointProperty.Port)},PLAINTEXT_INTERNAL://{kafka.Name}:{@internal.Property(EndpointProperty.TargetPort)}")
            : ReferenceExpression.Create(
                $"PLAINTEXT://{primary.Property(EndpointProperty.Host)}:29092,PLAINTEXT_HOST://{primary.Property(EndpointProperty.HostAndPort)},PLAINTEXT_INTERNAL://{@internal.Property(EndpointProperty.HostAndPort)}");
    }
}
