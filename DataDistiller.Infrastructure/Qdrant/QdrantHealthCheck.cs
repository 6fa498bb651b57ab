using Microsoft.Extensions.Diagnostics.HealthChecks;
using global::Qdrant.Client;

namespace DataDistiller.Infrastructure.Qdrant;

/// <summary>Healthy when Qdrant answers its health call in time.</summary>
internal sealed class QdrantHealthCheck(QdrantClient client, QdrantClientSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.HealthCheckTimeout);
        try
        {
            var reply = await client.HealthAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Qdrant {reply.Version}");
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Qdrant did not answer its health call.", e);
        }
    }
}
