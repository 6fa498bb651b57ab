using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace DataDistiller.Tests.Unit.AppHost;

/// <summary>
/// The AppHost's model built once in run mode and once in publish mode, without starting anything. Built once per
/// class: disposing an app whose model holds parameters takes up to 30 s here.
/// </summary>
public sealed class AppModelFixture : IAsyncLifetime
{
    private DistributedApplication? _run;
    private DistributedApplication? _publish;

    public DistributedApplicationModel RunModel => Model(_run);

    public DistributedApplicationModel PublishModel => Model(_publish);

    public async ValueTask InitializeAsync()
    {
        _run = await BuildAsync([]);
        _publish = await BuildAsync(["--operation", "publish"]);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Dispose(_run), Dispose(_publish));
    }

    /// <summary>A resource's environment as publish mode writes it (manifest expressions for endpoints and parameters).</summary>
    public static async Task<Dictionary<string, string>> EnvironmentAsync(IResource resource)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, TestContext.Current.CancellationToken);
        return configuration.EnvironmentVariables.ToDictionary(e => e.Key, e => e.Value);
    }

    private static async Task<DistributedApplication> BuildAsync(string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DataDistiller_AppHost>(args, TestContext.Current.CancellationToken);
        return await builder.BuildAsync(TestContext.Current.CancellationToken);
    }

    private static DistributedApplicationModel Model(DistributedApplication? app) =>
        (app ?? throw new InvalidOperationException("The fixture is not initialised.")).Services.GetRequiredService<DistributedApplicationModel>();

    private static Task Dispose(DistributedApplication? app) => app is null ? Task.CompletedTask : app.DisposeAsync().AsTask();
}
