using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataDistiller.Tests.Support;

/// <summary>Every <c>/api/…</c> route a host maps, with its method, as its route pattern spells it.</summary>
public static class ApiRoutes
{
    public static IEnumerable<(string Method, string Pattern)> Of<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var endpoints = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                yield return (method, pattern);
            }
        }
    }

    /// <summary>The path of <paramref name="pattern"/> with every route parameter replaced by <paramref name="value"/>.</summary>
    public static string Fill(string pattern, string value)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var builder = new System.Text.StringBuilder();
        var inside = false;
        foreach (var c in pattern)
        {
            if (c == '{')
            {
                inside = true;
                builder.Append(value);
            }
            else if (c == '}')
            {
                inside = false;
            }
            else if (!inside)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
