using System.Diagnostics;
using System.Text.Json;

namespace DataDistiller.Core.Messaging;

/// <summary>Turns message records into bus messages and back: camelCase JSON with trace context in headers.</summary>
public static class MessageEnvelope
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    /// <summary>The JSON options every message uses.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        // A message missing a field or holding a null where none is allowed is poison, not a half-empty record.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Serialises <paramref name="message"/> and carries the current trace context.</summary>
    public static OutgoingMessage Create<T>(string key, T message)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Activity.Current is { } activity)
        {
            headers[TraceParentHeader] = activity.Id ?? string.Empty;
            if (activity.TraceStateString is { Length: > 0 } state)
            {
                headers[TraceStateHeader] = state;
            }
        }

        return new OutgoingMessage(key, JsonSerializer.SerializeToUtf8Bytes(message, JsonOptions), headers);
    }

    /// <summary>Reads the message value; throws <see cref="JsonException"/> for a value that is not a <typeparamref name="T"/>.</summary>
    public static T Read<T>(ConsumedMessage message) =>
        JsonSerializer.Deserialize<T>(message.Value.Span, JsonOptions)
        ?? throw new JsonException($"Message {message.Topic}/{message.Partition}/{message.Offset} has a null value.");

    /// <summary>Starts a consumer activity parented on the trace context the producer put in the headers.</summary>
    public static Activity? StartProcessActivity(ActivitySource source, ConsumedMessage message)
    {
        message.Headers.TryGetValue(TraceParentHeader, out var parent);
        message.Headers.TryGetValue(TraceStateHeader, out var state);
        ActivityContext.TryParse(parent, state, out var context);
        var activity = source.StartActivity($"{message.Topic} process", ActivityKind.Consumer, context);
        activity?.SetTag("messaging.destination.name", message.Topic);
        activity?.SetTag("messaging.destination.partition.id", message.Partition);
        activity?.SetTag("messaging.kafka.offset", message.Offset);
        return activity;
    }

    /// <summary>
    /// Starts one consumer activity for a batch, linked to each message's producer context. A batch whose messages all
    /// come from one trace (the chunks of one upload) is also parented on it, so the upload stays one trace end to end;
    /// a mixed batch belongs to no single trace and is only linked.
    /// </summary>
    public static Activity? StartBatchActivity(ActivitySource source, IReadOnlyList<ConsumedMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var links = new List<ActivityLink>(batch.Count);
        foreach (var message in batch)
        {
            message.Headers.TryGetValue(TraceParentHeader, out var parent);
            message.Headers.TryGetValue(TraceStateHeader, out var state);
            if (ActivityContext.TryParse(parent, state, out var context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        var parentContext = links.Count == batch.Count && links.TrueForAll(l => l.Context.TraceId == links[0].Context.TraceId)
            ? links[0].Context
            : default;
        var activity = source.StartActivity(ActivityKind.Consumer, parentContext, links: links, name: $"{batch[0].Topic} process");
        activity?.SetTag("messaging.destination.name", batch[0].Topic);
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        return activity;
    }
}
