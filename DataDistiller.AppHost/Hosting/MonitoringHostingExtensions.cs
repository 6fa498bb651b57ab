using System.Collections.Concurrent;
using System.Text.Json;

namespace DataDistiller.AppHost.Hosting;

/// <summary>
/// Prometheus and Grafana for the full stack, provisioned from <c>deploy/</c>: the same scrape config, alert rules and
/// dashboards an operator deploys. Prometheus runs in a container while the services run on the host, so the AppHost
/// writes their allocated ports as a file-discovery target list Prometheus reads (deploy/prometheus/targets holds the
/// list for a container deployment instead).
/// </summary>
internal static class MonitoringHostingExtensions
{
    public const string PrometheusImage = "prom/prometheus";
    public const string GrafanaImage = "grafana/grafana";

    public static IResourceBuilder<ContainerResource> AddMonitoring(
        this IDistributedApplicationBuilder builder, params IResourceBuilder<ProjectResource>[] services)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var deploy = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "deploy"));
        var targets = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "datadistiller-prometheus-targets")).FullName;

        var prometheus = builder.AddContainer(ResourceNames.Prometheus, PrometheusImage, "v2.55.1")
            .WithImageRegistry("docker.io")
            .WithBindMount(Path.Combine(deploy, "prometheus", "prometheus.yml"), "/etc/prometheus/prometheus.yml", isReadOnly: true)
            .WithBindMount(Path.Combine(deploy, "prometheus", "rules"), "/etc/prometheus/rules", isReadOnly: true)
            .WithBindMount(targets, "/etc/prometheus/targets", isReadOnly: true)
            .WithArgs("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus")
            .WithHttpEndpoint(targetPort: 9090, name: "http")
            // The services listen on the host: Docker on Linux needs the gateway alias Docker Desktop has built in.
            .WithContainerRuntimeArgs("--add-host=host.docker.internal:host-gateway")
            .WithHttpHealthCheck("/-/healthy");
        WriteTargetsOnAllocation(builder, targets, services);

        var grafana = builder.AddContainer(ResourceNames.Grafana, GrafanaImage, "11.6.0")
            .WithImageRegistry("docker.io")
            .WithBindMount(Path.Combine(deploy, "grafana", "provisioning"), "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount(Path.Combine(deploy, "grafana", "dashboards"), "/var/lib/grafana/dashboards", isReadOnly: true)
            .WithEnvironment("PROMETHEUS_URL", prometheus.GetEndpoint("http"))
            // A local dashboard for whoever runs the AppHost: read-only without logging in.
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
            .WithEnvironment("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", "/var/lib/grafana/dashboards/ingestion.json")
            .WithHttpEndpoint(targetPort: 3000, name: "http")
            .WithHttpHealthCheck("/api/health")
            .WaitFor(prometheus);
        return grafana;
    }

    private static void WriteTargetsOnAllocation(IDistributedApplicationBuilder builder, string directory, IResourceBuilder<ProjectResource>[] services)
    {
        var known = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            builder.Eventing.Subscribe<ResourceEndpointsAllocatedEvent>(service.Resource, (_, _) =>
            {
                // With replicas the port is Aspire's proxy in front of them: each scrape reaches one replica.
                known[service.Resource.Name] = $"host.docker.internal:{service.GetEndpoint("http").Port}";
                var groups = known.Select(k => new { targets = new[] { k.Value }, labels = new Dictionary<string, string> { ["service"] = k.Key } });
                var file = Path.Combine(directory, "aspire.json");
                File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(groups));
                File.Move(file + ".tmp", file, overwrite: true);
                return Task.CompletedTask;
            });
        }
    }
}
