using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>Healthy when a broker answers a metadata request in time; the admin client is built at the first check.</summary>
internal sealed class KafkaHealthCheck(KafkaProducerSettings settings, IOptions<KafkaTopicOptions> options) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(settings.ToProducerConfig()).Build());

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            try
            {
                // GetMetadata blocks up to the timeout, hence the pool thread.
                var metadata = _admin.Value.GetMetadata(options.Value.RequestTimeout);
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                    : new HealthCheckResult(context.Registration.FailureStatus, "No broker in the metadata.");
            }
            catch (KafkaException e)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Kafka did not answer a metadata request.", e);
            }
        }, cancellationToken);

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
