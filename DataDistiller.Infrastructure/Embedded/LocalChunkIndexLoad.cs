using Microsoft.Extensions.Hosting;

namespace DataDistiller.Infrastructure.Embedded;

/// <summary>
/// Holds the host's start until the local index's vectors are in memory, and fails the start if they cannot be read.
/// Waiting in <see cref="StartedAsync"/>, after every service has started, lets the load run alongside the rest of the
/// start (the model load above all) instead of before it.
/// </summary>
internal sealed class LocalChunkIndexLoad(LocalChunkIndex index) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken) => index.Loaded.WaitAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
