using Microsoft.Extensions.Configuration;

namespace DataDistiller.AppHost.Hosting;

/// <summary>
/// What the services must know of the Ollama embedding model beyond its name: its vector size (recorded per collection,
/// checked at start) and the prefixes it expects on queries and passages (nomic-embed-text's by default).
/// </summary>
internal sealed record EmbeddingModelSettings(string Dimensions, string QueryPrefix, string DocumentPrefix)
{
    public static EmbeddingModelSettings From(IConfiguration settings) => new(
        settings["Models:EmbeddingDimensions"] ?? "768",
        settings["Models:EmbeddingQueryPrefix"] ?? "search_query: ",
        settings["Models:EmbeddingDocumentPrefix"] ?? "search_document: ");
}
