using System.Text.Json;
using DataDistiller.Core.Documents;

namespace DataDistiller.Api.Features.Events;

/// <summary>Reads a client's text frame into a subscription request, or says what is wrong with it.</summary>
public static class SubscriptionRequests
{
    private const string Expected =
        "Send {\"type\":\"subscribe\"|\"unsubscribe\",\"documents\":[\"<id>\",…]} or {\"type\":\"subscribe\"|\"unsubscribe\",\"collection\":\"<name>\"}.";

    public static bool TryParse(ReadOnlyMemory<byte> utf8, out SubscriptionFrame request, out string error)
    {
        request = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            error = $"The frame is not JSON. {Expected}";
            return false;
        }

        using (document)
        {
            return TryRead(document.RootElement, out request, out error);
        }
    }

    private static bool TryRead(JsonElement root, out SubscriptionFrame request, out string error)
    {
        request = null!;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() is not (SubscriptionFrame.Subscribe or SubscriptionFrame.Unsubscribe))
        {
            error = $"The frame needs a type of \"subscribe\" or \"unsubscribe\". {Expected}";
            return false;
        }

        var hasDocuments = root.TryGetProperty("documents", out var documents);
        var hasCollection = root.TryGetProperty("collection", out var collection);
        if (hasDocuments == hasCollection)
        {
            error = $"The frame needs either documents or collection, not both or neither. {Expected}";
            return false;
        }

        if (hasCollection)
        {
            if (collection.ValueKind != JsonValueKind.String || !CollectionName.IsValid(collection.GetString()))
            {
                error = "collection must be a collection name: lowercase letters, digits, '-' and '_', 1 to 64 characters.";
                return false;
            }

            request = new SubscriptionFrame(type.GetString()!, null, collection.GetString());
            error = string.Empty;
            return true;
        }

        if (documents.ValueKind != JsonValueKind.Array || documents.GetArrayLength() is 0 or > SubscriptionFrame.MaxDocuments)
        {
            error = $"documents must be an array of 1 to {SubscriptionFrame.MaxDocuments} document ids.";
            return false;
        }

        var ids = new List<Guid>();
        foreach (var item in documents.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Guid.TryParse(item.GetString(), out var id))
            {
                var text = item.GetRawText();
                error = $"documents must hold document ids (GUIDs); {(text.Length > 64 ? text[..64] + "…" : text)} is not one.";
                return false;
            }

            ids.Add(id);
        }

        request = new SubscriptionFrame(type.GetString()!, ids.Distinct().ToList(), null);
        error = string.Empty;
        return true;
    }
}
