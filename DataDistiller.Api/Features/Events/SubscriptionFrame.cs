using System.Text.Json.Serialization;

namespace DataDistiller.Api.Features.Events;

/// <summary>
/// A subscribe or unsubscribe request as the client sends it, and the server's acknowledgement (type
/// <c>subscribed</c> / <c>unsubscribed</c>): documents by id, or a whole collection by name.
/// </summary>
public sealed record SubscriptionFrame(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Guid>? Documents,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Collection)
{
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const int MaxDocuments = 100;
}
