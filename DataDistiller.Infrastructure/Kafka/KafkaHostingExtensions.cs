using Confluent.Kafka;
using DataDistiller.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>
/// Kafka client registrations shaped like Aspire.Confluent.Kafka's (same configuration keys, a health check, telemetry),
/// so moving to the official package changes one line, and the message bus over them.
/// </summary>
public static class KafkaHostingExtensions
{
    public const string ConnectionName = "kafka";

    /// <summary>
    /// Registers an <see cref="IProducer{TKey, TValue}"/> of string keys and byte values from
    /// <c>ConnectionStrings:{connectionName}</c> and <c>Aspire:Confluent:Kafka:Producer</c>; it is built at first use.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaProducer(this IHostApplicationBuilder builder, string connectionName = ConnectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = KafkaProducerSettings.Read(builder.Configuration, connectionName);
        builder.Services.TryAddSingleton(settings);
        builder.Services.AddOptions<KafkaTopicOptions>().BindConfiguration(KafkaTopicOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KafkaMessageBus).FullName!);
            return new ProducerBuilder<string, byte[]>(settings.ToProducerConfig())
                .SetErrorHandler((_, error) => KafkaMessageBus.LogProducerError(logger, error.Code, error.Reason))
                .Build();
        });
        if (!settings.DisableHealthChecks)
        {
            builder.Services.TryAddSingleton<KafkaHealthCheck>();
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                $"Kafka-Producer-{connectionName}", sp => sp.GetRequiredService<KafkaHealthCheck>(), failureStatus: default, tags: null));
        }

        return builder;
    }

    /// <summary>
    /// Registers the <see cref="KafkaConsumerSettings"/> from <c>ConnectionStrings:{connectionName}</c> and
    /// <c>Aspire:Confluent:Kafka:Consumer</c>; consumers are built per group by <see cref="KafkaMessageBus.Subscribe"/>.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaConsumer(this IHostApplicationBuilder builder, string connectionName = ConnectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(KafkaConsumerSettings.Read(builder.Configuration, connectionName));
        return builder;
    }

    /// <summary>The Kafka <see cref="IMessageBus"/>, with its topics created at start-up.</summary>
    public static IHostApplicationBuilder AddKafkaMessageBus(this IHostApplicationBuilder builder, string connectionName = ConnectionName)
    {
        builder.AddKafkaProducer(connectionName).AddKafkaConsumer(connectionName);
        builder.Services.AddHostedService<KafkaTopicInitializer>();
        builder.Services.AddSingleton<IMessageBus>(sp => new KafkaMessageBus(
            new Lazy<IProducer<string, byte[]>>(sp.GetRequiredService<IProducer<string, byte[]>>),
            sp.GetRequiredService<KafkaConsumerSettings>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<IQueueBacklog>(sp => new KafkaQueueBacklog(
            sp.GetRequiredService<KafkaProducerSettings>(), sp.GetRequiredService<KafkaConsumerSettings>()));
        return builder;
    }
}
