using System.Globalization;
using System.Text.Json;
using DataDistiller.Benchmarks.Embedders;

namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>
/// A judged retrieval set in BEIR's format: the corpus, the queries and graded judgements
/// (query id → document id → relevance). Only judged queries are kept.
/// </summary>
internal sealed record BeirSet(string Name, IReadOnlyList<BeirDocument> Corpus, IReadOnlyList<BeirQuery> Queries, IReadOnlyDictionary<string, Dictionary<string, int>> Qrels)
{
    public static async Task<BeirSet> LoadAsync(string corpusPath, string queriesPath, string qrelsPath, CancellationToken cancellationToken)
    {
        var corpus = new List<BeirDocument>();
        foreach (var line in await ReadRecordsAsync(corpusPath, cancellationToken))
        {
            corpus.Add(new BeirDocument(Text(line, "_id"), line.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty, Text(line, "text")));
        }

        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(qrelsPath, cancellationToken))
        {
            var fields = line.Split('\t');
            // The header (query-id corpus-id score) and blank lines carry no judgement.
            if (fields.Length < 3 || !int.TryParse(fields[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var relevance))
            {
                continue;
            }

            var judged = qrels.TryGetValue(fields[0], out var known) ? known : qrels[fields[0]] = new(StringComparer.Ordinal);
            judged[fields[1]] = relevance;
        }

        var queries = (await ReadRecordsAsync(queriesPath, cancellationToken))
            .Select(q => new BeirQuery(Text(q, "_id"), Text(q, "text")))
            .Where(q => qrels.ContainsKey(q.Id))
            .ToList();
        return new BeirSet(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(corpusPath))) ?? corpusPath, corpus, queries, qrels);
    }

    /// <summary>The shared SQuAD sample as a BEIR set: every paragraph a document, each answerable question judging its gold paragraph 1.</summary>
    public static BeirSet FromSquad(SquadDataset squad)
    {
        ArgumentNullException.ThrowIfNull(squad);
        return new BeirSet(
            "squad (shared sample)",
            [.. squad.Paragraphs.Select(p => new BeirDocument(p.Id, p.Title, p.Text))],
            [.. squad.Questions.Select(q => new BeirQuery(q.Id, q.Question))],
            squad.Questions.ToDictionary(q => q.Id, q => new Dictionary<string, int>(StringComparer.Ordinal) { [q.GoldParagraphId!] = 1 }, StringComparer.Ordinal));
    }

    private static async Task<List<JsonElement>> ReadRecordsAsync(string path, CancellationToken cancellationToken)
    {
        var records = new List<JsonElement>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                records.Add(JsonDocument.Parse(line).RootElement);
            }
        }

        return records;
    }

    private static string Text(JsonElement record, string name) =>
        record.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : record.GetProperty(name).GetRawText();
}
