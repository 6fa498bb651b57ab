using System.Net.Http.Json;
using System.Text.Json;
using DataDistiller.Benchmarks.Embedders;
using DataDistiller.Core.Answers;

namespace DataDistiller.Benchmarks.Evaluation;

/// <summary>
/// Asks every SQuAD question through <c>POST /api/v2/query</c> (default strategy): an answerable one should contain a
/// gold answer and cite the gold paragraph; an unanswerable one should say the sources do not contain the answer.
/// </summary>
internal static class SquadAnswerCheck
{
    public static async Task RunAsync(HttpClient client, string collection, SquadDataset squad, IReadOnlyDictionary<string, string> ids, CancellationToken cancellationToken)
    {
        int contains = 0, cites = 0, abstained = 0;
        string? provider = null;
        foreach (var question in squad.Questions)
        {
            var answer = await AskAsync(client, collection, question.Question, cancellationToken);
            provider = answer.GetProperty("provider").GetString();
            var text = answer.GetProperty("answer").GetString() ?? string.Empty;
            contains += (question.Answers ?? []).Any(a => text.Contains(a, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
            cites += answer.GetProperty("citations").EnumerateArray().Any(c => ids[c.GetProperty("fileName").GetString()!] == question.GoldParagraphId) ? 1 : 0;
            abstained += AnswerPrompt.StartsWithNotInSources(text) ? 1 : 0;
        }

        var refused = 0;
        foreach (var question in squad.Unanswerable)
        {
            refused += AnswerPrompt.StartsWithNotInSources((await AskAsync(client, collection, question.Question, cancellationToken)).GetProperty("answer").GetString() ?? string.Empty) ? 1 : 0;
        }

        var n = squad.Questions.Count;
        Console.WriteLine();
        Console.WriteLine($"Answer check (POST /api/v2/query, default strategy, provider {provider}):");
        Console.WriteLine();
        Console.WriteLine("| questions | answer contains a gold answer | a citation points at the gold paragraph | said \"not in the sources\" |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| answerable | {contains}/{n} | {cites}/{n} | {abstained}/{n} |");
        Console.WriteLine($"| unanswerable | – | – | {refused}/{squad.Unanswerable.Count} |");
    }

    private static async Task<JsonElement> AskAsync(HttpClient client, string collection, string question, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v2/query", new { question, collection }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}
