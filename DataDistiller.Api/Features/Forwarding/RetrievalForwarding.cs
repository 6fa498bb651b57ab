using System.Net.Http.Headers;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.Query;
using DataDistiller.Endpoints.Search;
using Microsoft.AspNetCore.Http.Features;

namespace DataDistiller.Api.Features.Forwarding;

/// <summary>
/// The distributed mode's search and query: the Api forwards them to the Retrieval service (found through service
/// discovery as <c>http://retrieval</c>) and streams its answer back unchanged, server-sent events included.
/// </summary>
public static class RetrievalForwarding
{
    public const string ClientName = "retrieval";
    public const string ForwardSetting = "DataDistiller:Retrieval:Forward";
    private const string DiscoverySetting = "services:retrieval:http:0";
    // Authorization: Retrieval checks the caller's own token (and reads its tenant), not a service identity.
    private static readonly string[] s_forwardedHeaders = ["Accept", "Authorization", SearchDocuments.UserIdHeader, SearchDocuments.SessionIdHeader];

    /// <summary>True when <c>DataDistiller:Retrieval:Forward</c> is set or the AppHost gave a <c>retrieval</c> endpoint.</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetValue<bool>(ForwardSetting) || !string.IsNullOrWhiteSpace(configuration[DiscoverySetting]);
    }

    public static IHostApplicationBuilder AddRetrievalForwarding(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        // The defaults' 10 s attempt / 30 s total would cut a whole (non-streamed) LLM answer; with headers-read the
        // timeouts cover only the wait for the first byte, and a streamed answer is never retried mid-stream.
#pragma warning disable EXTEXP0001 // evaluation API; the one way to replace the handler the service defaults add
        builder.Services.AddHttpClient(ClientName, http => http.BaseAddress = new Uri("http://retrieval"))
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(3);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(7);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(6);
            });
        return builder;
    }

    /// <summary>Maps <c>POST /api/v2/search</c> and <c>/api/v2/query</c> to Retrieval when forwarding, else in-process.</summary>
    public static IEndpointRouteBuilder MapSearchAndQueryApis(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsEnabled(app.Configuration))
        {
            app.MapSearchApi();
            app.MapQueryApi();
            return app;
        }

        app.MapPost("/api/v2/search", HandleAsync).WithTags("Search").WithName("Search");
        app.MapPost("/api/v2/query", HandleAsync).WithTags("Query").WithName("Query");
        return app;
    }

    public static async Task HandleAsync(HttpContext context, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clients);

        // Buffered (requests are small JSON) so a retry can send the body again.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, context.Request.Path.Value) { Content = new ByteArrayContent(body.ToArray()) };
        if (context.Request.ContentType is { } contentType)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var header in s_forwardedHeaders)
        {
            if (context.Request.Headers.TryGetValue(header, out var values))
            {
                request.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException)
        {
            await Problems.Unavailable("The retrieval service could not be reached; try again later.").ExecuteAsync(context);
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await stream.CopyToAsync(context.Response.Body, cancellationToken);
        }
    }
}
