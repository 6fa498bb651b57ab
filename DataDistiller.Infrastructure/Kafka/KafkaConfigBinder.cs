using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>Binds settings the way Aspire's client integrations do: the shared section, then the named one over it.</summary>
internal static class KafkaConfigBinder
{
    public static void Bind(IConfiguration configuration, string sectionName, string connectionName, object settings, ClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var section in new[] { configuration.GetSection(sectionName), configuration.GetSection($"{sectionName}:{connectionName}") })
        {
            section.Bind(settings);

            // ClientConfig's typed properties write through to librdkafka's dictionary, so bind them explicitly.
            section.GetSection("Config").Bind(config);
        }
    }
}
