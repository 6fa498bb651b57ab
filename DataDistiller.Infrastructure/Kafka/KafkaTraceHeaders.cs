using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace DataDistiller.Infrastructure.Kafka;

/// <summary>Carries W3C trace context (<c>traceparent</c>, <c>tracestate</c>) in Kafka headers through the process-wide propagator.</summary>
public static class KafkaTraceHeaders
{
    /// <summary>Writes the context of <paramref name="activity"/> into <paramref name="headers"/>, replacing what a header of that name held.</summary>
    public static void Inject(Activity? activity, Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, name, value) =>
        {
            var kafkaHeaders = (Headers)carrier!;
            kafkaHeaders.Remove(name);
            kafkaHeaders.Add(name, Encoding.UTF8.GetBytes(value));
        });
    }

    /// <summary>The parent context carried in <paramref name="headers"/>, or default when none is.</summary>
    public static ActivityContext Extract(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (carrier, name, out value, out values) =>
        {
            values = null;
            value = ((IReadOnlyDictionary<string, string>)carrier!).GetValueOrDefault(name);
        }, out var parent, out var state);
        return ActivityContext.TryParse(parent, state, out var context) ? context : default;
    }

    /// <summary>The headers as text; a header that is not UTF-8 is still read, lossily, since only ours matter.</summary>
    public static Dictionary<string, string> Read(Headers? headers)
    {
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in headers ?? [])
        {
            read[header.Key] = Encoding.UTF8.GetString(header.GetValueBytes());
        }

        return read;
    }
}
