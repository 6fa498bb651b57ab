namespace DataDistiller.Endpoints.Security;

/// <summary>
/// Browsers cannot set headers on a WebSocket or an EventSource, so those two routes (and only those, since URLs end
/// up in logs and histories) also take the token from the <c>access_token</c> query parameter.
/// </summary>
public static class QueryStringToken
{
    public const string ParameterName = "access_token";

    public static bool IsAllowed(PathString path)
    {
        if (path.Equals("/api/v2/ws", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // /api/v2/documents/{id}/events
        return path.StartsWithSegments("/api/v2/documents", StringComparison.OrdinalIgnoreCase, out var rest)
            && rest.Value is { } tail
            && tail.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var id, var events]
            && Guid.TryParse(id, out _)
            && events.Equals("events", StringComparison.OrdinalIgnoreCase);
    }
}
