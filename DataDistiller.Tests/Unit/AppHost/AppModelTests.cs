using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace DataDistiller.Tests.Unit.AppHost;

public sealed class AppModelTests
{
    [Fact]
    public async Task AppHost_DeclaresTheThreeServicesWithHealthChecks()
    {
        // Arrange
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DataDistiller_AppHost>(TestContext.Current.CancellationToken);

        // Act: build the model only; no container or process starts
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        // Assert
        var projects = model.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name);
        Assert.Equal(["api", "retrieval", "workers"], projects.Keys.Order(StringComparer.Ordinal));
        Assert.All(projects.Values, p => Assert.Contains(p.Annotations, a => a is HealthCheckAnnotation));
    }

    [Fact]
    public async Task AppHost_DeclaresRerankerContainerReferencedByApi()
    {
        // Arrange
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DataDistiller_AppHost>(
            ["--operation", "publish"], TestContext.Current.CancellationToken);
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var api = model.Resources.OfType<ProjectResource>().Single(p => p.Name == "api");

        // Act
        var configuration = await ExecutionConfigurationBuilder.Create(api)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, TestContext.Current.CancellationToken);

        // Assert
        var reranker = Assert.Single(model.Resources.OfType<ContainerResource>(), r => r.Name == "reranker");
        Assert.IsAssignableFrom<IResourceWithConnectionString>(reranker);
        var image = Assert.Single(reranker.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("ghcr.io", "huggingface/text-embeddings-inference", "cpu-1.8"), (image.Registry, image.Image, image.Tag));
        Assert.Contains(reranker.Annotations.OfType<EndpointAnnotation>(), e => e.TargetPort == 80 && e.UriScheme == "http");
        Assert.Contains(configuration.EnvironmentVariables, e => e.Key == "ConnectionStrings__reranker");
        Assert.Contains(api.Annotations.OfType<WaitAnnotation>(), w => w.Resource == reranker);
    }
}
