using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
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
}
