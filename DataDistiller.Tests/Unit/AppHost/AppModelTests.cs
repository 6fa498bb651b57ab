using Aspire.Hosting.ApplicationModel;
using DataDistiller.Tests.Support;
using Xunit;

namespace DataDistiller.Tests.Unit.AppHost;

public sealed class AppModelTests(AppModelFixture fixture) : IClassFixture<AppModelFixture>
{
    [Fact]
    public void AppHost_DeclaresTheThreeServicesWithHealthChecks()
    {
        // Arrange: the model only; no container or process starts
        var model = fixture.RunModel;

        // Act
        var projects = model.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name);

        // Assert
        Assert.Equal(["api", "retrieval", "workers"], projects.Keys.Order(StringComparer.Ordinal));
        Assert.All(projects.Values, p => Assert.Contains(p.Annotations, a => a is HealthCheckAnnotation));
    }

    [Theory]
    [InlineData("kafka", "confluentinc/confluent-local", 9092)]
    [InlineData("kafka-ui", "provectuslabs/kafka-ui", 8080)]
    [InlineData("minio", "minio/minio", 9000)]
    [InlineData("postgres", "library/postgres", 5432)]
    [InlineData("qdrant", "qdrant/qdrant", 6334)]
    [InlineData("ollama", "ollama/ollama", 11434)]
    [InlineData("reranker", "huggingface/text-embeddings-inference", 80)]
    [InlineData("prometheus", "prom/prometheus", 9090)]
    [InlineData("grafana", "grafana/grafana", 3000)]
    public void AppHost_DeclaresInfrastructureContainer_WithPinnedImageAndEndpoint(string name, string image, int targetPort)
    {
        // Arrange
        var model = fixture.RunModel;

        // Act
        var container = Assert.Single(model.Resources.OfType<ContainerResource>(), r => r.Name == name);

        // Assert
        var imageAnnotation = Assert.Single(container.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(image, imageAnnotation.Image);
        Assert.False(string.IsNullOrEmpty(imageAnnotation.Tag));
        Assert.NotEqual("latest", imageAnnotation.Tag);
        Assert.Contains(container.Annotations.OfType<EndpointAnnotation>(), e => e.TargetPort == targetPort);
    }

    [Theory]
    [InlineData("kafka")]
    [InlineData("minio")]
    [InlineData("postgres")]
    [InlineData("qdrant")]
    [InlineData("ollama")]
    [InlineData("reranker")]
    public void AppHost_Infrastructure_IsPersistentWithVolumeAndHealthCheck(string name)
    {
        // Arrange
        var model = fixture.RunModel;

        // Act
        var container = Assert.Single(model.Resources.OfType<ContainerResource>(), r => r.Name == name);

        // Assert
        Assert.Contains(container.Annotations.OfType<ContainerLifetimeAnnotation>(), l => l.Lifetime == ContainerLifetime.Persistent);
        Assert.Contains(container.Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume);
        if (name != "reranker")
        {
            Assert.Contains(container.Annotations, a => a is HealthCheckAnnotation);
        }
    }

    [Fact]
    public void AppHost_DeclaresPostgresDatabase()
    {
        // Arrange
        var model = fixture.RunModel;

        // Act
        var database = Assert.Single(model.Resources.OfType<PostgresDatabaseResource>());

        // Assert
        Assert.Equal("datadistiller", database.Name);
        Assert.Equal("postgres", database.Parent.Name);
    }

    [Theory]
    [InlineData("kafka", "{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}")]
    [InlineData("qdrant", "Endpoint={qdrant.bindings.grpc.url};Key={qdrant-Key.value}")]
    [InlineData("minio", "Endpoint={minio.bindings.http.url};AccessKey={minio-rootUser.value};SecretKey={minio-rootPassword.value}")]
    [InlineData("ollama", "Endpoint={ollama.bindings.http.url};Model={chat-model.value}")]
    public void AppHost_ConnectionStrings_MatchTheOfficialIntegrations(string name, string expected)
    {
        // Arrange
        var model = fixture.RunModel;

        // Act
        var resource = Assert.Single(model.Resources.OfType<IResourceWithConnectionString>(), r => r.Name == name);

        // Assert
        Assert.Equal(expected, resource.ConnectionStringExpression.ValueExpression);
    }

    [Theory]
    [InlineData("api", new[] { "postgres", "minio", "kafka", "qdrant", "ollama" }, new[] { "datadistiller", "minio", "kafka", "qdrant", "ollama", "retrieval" })]
    [InlineData("workers", new[] { "postgres", "minio", "kafka", "qdrant", "ollama" }, new[] { "datadistiller", "minio", "kafka", "qdrant", "ollama" })]
    [InlineData("retrieval", new[] { "postgres", "qdrant", "ollama", "reranker" }, new[] { "datadistiller", "qdrant", "ollama", "reranker" })]
    public async Task AppHost_Service_ReferencesAndWaitsForWhatItUses(string service, string[] connections, string[] waitsFor)
    {
        // Arrange
        var model = fixture.PublishModel;
        var project = model.Resources.OfType<ProjectResource>().Single(p => p.Name == service);

        // Act
        var environment = await AppModelFixture.EnvironmentAsync(project);

        // Assert
        var connectionStrings = environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            .Select(k => k["ConnectionStrings__".Length..]);
        Assert.Equal(connections.Order(StringComparer.Ordinal), connectionStrings.Order(StringComparer.Ordinal));
        var waits = project.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).ToHashSet();
        Assert.All(waitsFor, name => Assert.Contains(name, waits));
        if (connections.Contains("ollama"))
        {
            Assert.Contains(project.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "ollama-pull" && w.WaitType == WaitType.WaitForCompletion);
        }
    }

    [Theory]
    [InlineData("api")]
    [InlineData("workers")]
    [InlineData("retrieval")]
    public async Task AppHost_Service_GetsEverythingTheOllamaEmbedderNeedsToStart(string service)
    {
        var project = fixture.PublishModel.Resources.OfType<ProjectResource>().Single(p => p.Name == service);

        var environment = await AppModelFixture.EnvironmentAsync(project);

        // The embedder refuses to start with a model but no dimensions; these keys are what OllamaEmbeddingOptions binds.
        Assert.Contains("DataDistiller__Models__Embedder__OllamaModel", environment.Keys);
        Assert.Equal("768", environment["DataDistiller__Models__Embedder__OllamaDimensions"]);
        Assert.Equal("search_query: ", environment["DataDistiller__Models__Embedder__OllamaQueryPrefix"]);
    }

    [Fact]
    public async Task AppHost_Api_ForwardsToRetrievalThroughServiceDiscovery()
    {
        // Arrange
        var model = fixture.PublishModel;
        var api = model.Resources.OfType<ProjectResource>().Single(p => p.Name == "api");

        // Act
        var environment = await AppModelFixture.EnvironmentAsync(api);

        // Assert
        Assert.Contains(environment.Keys, k => k.StartsWith("services__retrieval__http__", StringComparison.Ordinal));
        Assert.Equal("true", environment["DataDistiller__Retrieval__Forward"]);
    }

    [Fact]
    public async Task AppHost_ApiAndRetrieval_ShareOneSecretSigningKeySoForwardedTokensAreAccepted()
    {
        // Arrange
        var projects = fixture.PublishModel.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name);

        // Act
        var api = await AppModelFixture.EnvironmentAsync(projects["api"]);
        var retrieval = await AppModelFixture.EnvironmentAsync(projects["retrieval"]);

        // Assert: the same parameter (a secret, so only its reference is in the manifest) on both.
        Assert.Equal("{auth-signing-key.value}", api["DataDistiller__Auth__SigningKey"]);
        Assert.Equal(api["DataDistiller__Auth__SigningKey"], retrieval["DataDistiller__Auth__SigningKey"]);
        Assert.True(fixture.PublishModel.Resources.OfType<ParameterResource>().Single(p => p.Name == "auth-signing-key").Secret);
    }

    [Fact]
    public void AppHost_Workers_RunTwoReplicasByDefault()
    {
        // Arrange
        var model = fixture.RunModel;

        // Act
        var workers = model.Resources.OfType<ProjectResource>().Single(p => p.Name == "workers");

        // Assert
        Assert.Equal(2, Assert.Single(workers.Annotations.OfType<ReplicaAnnotation>()).Replicas);
    }

    [Fact]
    public async Task AppHost_KafkaUI_UsesTheBrokersInternalListener()
    {
        // Arrange
        var model = fixture.RunModel;
        var ui = model.Resources.OfType<ContainerResource>().Single(r => r.Name == "kafka-ui");

        // Act
        var environment = await AppModelFixture.EnvironmentAsync(ui);

        // Assert
        Assert.Equal("kafka:9093", environment["KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"]);
        Assert.Contains(ui.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "kafka");
    }

    [Theory]
    [InlineData("prometheus", "prometheus/prometheus.yml:/etc/prometheus/prometheus.yml", "prometheus/rules:/etc/prometheus/rules")]
    [InlineData("grafana", "grafana/provisioning:/etc/grafana/provisioning", "grafana/dashboards:/var/lib/grafana/dashboards")]
    public void AppHost_Monitoring_MountsTheDeployProvisioningReadOnly(string name, params string[] mounts)
    {
        // Arrange
        var model = fixture.RunModel;
        var deploy = RepositoryRoot.Combine("deploy");

        // Act
        var container = model.Resources.OfType<ContainerResource>().Single(r => r.Name == name);
        var bound = container.Annotations.OfType<ContainerMountAnnotation>().Where(m => m.Type == ContainerMountType.BindMount).ToList();

        // Assert: the files an operator deploys, not copies of them.
        foreach (var (source, target) in mounts.Select(m => m.Split(':')).Select(p => (Path.Combine(deploy, p[0]), p[1])))
        {
            var mount = Assert.Single(bound, m => m.Target == target);
            Assert.Equal(Path.GetFullPath(source), Path.GetFullPath(mount.Source!));
            Assert.True(File.Exists(source) || Directory.Exists(source), source);
            Assert.True(mount.IsReadOnly, target);
        }

        Assert.Contains(container.Annotations, a => a is HealthCheckAnnotation);
    }

    [Fact]
    public async Task AppHost_Grafana_QueriesTheAppHostsPrometheus()
    {
        // Arrange
        var model = fixture.PublishModel;
        var grafana = model.Resources.OfType<ContainerResource>().Single(r => r.Name == "grafana");

        // Act
        var environment = await AppModelFixture.EnvironmentAsync(grafana);

        // Assert
        Assert.Equal("{prometheus.bindings.http.url}", environment["PROMETHEUS_URL"]);
        Assert.Contains(grafana.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "prometheus");
    }
}
