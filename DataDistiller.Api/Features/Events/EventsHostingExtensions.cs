using Microsoft.Extensions.Options;

namespace DataDistiller.Api.Features.Events;

public static class EventsHostingExtensions
{
    /// <summary>The hub that serves live progress, fed by the pipeline's event source; WebSocket keep-alive from options.</summary>
    public static IHostApplicationBuilder AddLiveProgress(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DocumentEventsOptions>().BindConfiguration(DocumentEventsOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DocumentEventHub>();
        builder.Services.AddHostedService<DocumentEventPump>();
        builder.Services.AddOptions<WebSocketOptions>()
            .Configure<IOptions<DocumentEventsOptions>>((ws, events) => ws.KeepAliveInterval = events.Value.KeepAliveInterval);
        return builder;
    }
}
