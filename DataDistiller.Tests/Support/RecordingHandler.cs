using System.Collections.Concurrent;

namespace DataDistiller.Tests.Support;

/// <summary>Passes requests on to an inner handler and keeps each one's method, path and headers.</summary>
public sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return base.SendAsync(request, cancellationToken);
    }
}
