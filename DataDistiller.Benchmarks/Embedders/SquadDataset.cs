using System.Text.Json;

namespace DataDistiller.Benchmarks.Embedders;

/// <summary>The judged SQuAD 2.0 sample: paragraphs, the answerable questions with their gold paragraph, and the unanswerable ones.</summary>
internal sealed record SquadDataset(IReadOnlyList<SquadParagraph> Paragraphs, IReadOnlyList<SquadQuestion> Questions, IReadOnlyList<SquadQuestion> Unanswerable)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<SquadDataset> LoadAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var squad = Path.Combine(dataDirectory, "squad");
        var paragraphs = await ReadLinesAsync<SquadParagraph>(Path.Combine(squad, "corpus.jsonl"), cancellationToken);
        var questions = await ReadLinesAsync<SquadQuestion>(Path.Combine(squad, "questions.jsonl"), cancellationToken);
        return new(paragraphs, questions.Where(q => !q.IsImpossible && q.GoldParagraphId is not null).ToList(), questions.Where(q => q.IsImpossible).ToList());
    }

    private static async Task<List<T>> ReadLinesAsync<T>(string path, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                items.Add(JsonSerializer.Deserialize<T>(line, s_json) ?? throw new InvalidDataException($"Empty record in {path}."));
            }
        }

        return items;
    }
}
