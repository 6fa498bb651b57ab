using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataDistiller.Tests.Integration.Extraction;

/// <summary>One line of ../shared/data/pdfs/index.jsonl.</summary>
internal sealed record PdfCorpusEntry(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("expected_outcome")] string ExpectedOutcome,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("must_contain")] string? MustContain)
{
    public static IReadOnlyDictionary<string, PdfCorpusEntry> Load(string directory) =>
        System.IO.File.ReadLines(Path.Combine(directory, "index.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<PdfCorpusEntry>(line)!)
            .ToDictionary(e => e.File, StringComparer.Ordinal);
}
