using System.ComponentModel.DataAnnotations;

namespace DataDistiller.Api.Features.Events;

/// <summary>How live progress is delivered to WebSocket and server-sent-event clients.</summary>
public sealed class DocumentEventsOptions
{
    public const string SectionName = "DataDistiller:Events";

    /// <summary>How often the server pings an idle WebSocket, so proxies keep it open and dead peers are noticed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most events waiting for one client. A client that reads slower than the pipeline writes loses its oldest waiting
    /// events (each event carries the full state, so the next one corrects the view) instead of holding memory or the pipeline.
    /// </summary>
    [Range(16, 100_000)]
    public int SendQueueCapacity { get; set; } = 1024;
}
